// placeholder: municipality lookup (being written)
