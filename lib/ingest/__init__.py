"""The staff write path: who may publish, reading their files, the rules they must pass, and the next release.

Builds on `lib.core` only. Personal columns of household lists are dropped here, in memory, before anything is
stored.
"""
