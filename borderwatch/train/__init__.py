"""Training commands (`borderwatch train ...`): reproducible, offline, from data in the repo and ../shared/external."""
