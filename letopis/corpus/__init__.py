"""Cross-document logic, without SQL: entity linking, near-duplicates, stories.

Each piece is an in-memory, deterministic algorithm that the store's single
writer (`letopis.store.writer`) loads from its tables and asks per article:

    linking.Linker          card entities -> corpus entities (names, aliases, surnames)
    dedup.DuplicateIndex    MinHash/LSH near-duplicate detection (`dedup.signature` runs in workers)
    stories.StoryClusterer  articles -> stories (entity profiles over time)

`words.WORD` is the word pattern shared by the shingles and the search index.
Nothing here imports the store: it may be used (and benchmarked) without a database.
"""
