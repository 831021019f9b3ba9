"""The committee side (meetings, papers, votes, decisions) arrives with "Committee business"."""
