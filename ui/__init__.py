"""What several pages share: session state, translations, the frame, charts and components."""
