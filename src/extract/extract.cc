// placeholder: extractor (being written)
