"""Progress posts on public habits, kudos and the community feed (docs/motivation.md)."""
