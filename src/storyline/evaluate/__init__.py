"""Evaluation against gold data: ROUGE for summaries, B-cubed and pairwise F1 for clusters."""
