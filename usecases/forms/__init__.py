"""Forms for the proposal pages. They validate; services in usecases.workflow write."""
