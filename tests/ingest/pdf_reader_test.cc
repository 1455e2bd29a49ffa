// placeholder: PDF reader tests
