"""The floor: an empty Streamlit page, served the same way as the dashboard, to compare the dashboard with."""

import streamlit as st

st.write("kosong")
