"""Moses tokenisation, length filtering, truecasing and BPE (sacremoses, subword-nmt)."""
