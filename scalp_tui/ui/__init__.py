"""The Textual shell: talks only to the domain and the repository."""
