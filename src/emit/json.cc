// placeholder: JSON emit (being written)
