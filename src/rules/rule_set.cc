// placeholder: rule engine
