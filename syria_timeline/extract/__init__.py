"""A draft store from an Arabic article of dated milestones: one event per dated statement."""
