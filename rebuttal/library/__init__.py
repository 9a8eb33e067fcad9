"""The block library: blocks, society and venue profiles, the index, search, ranking, committee tools."""
