"""Safety stops: red-flag screening, the pause it brings and what clears it, and the words in
free text that bring crisis help at once."""
