//! End to end: `cardbench demo` inside tmux (filled in once the engine lands).
