//! Integration tests: run the real `workshop` binary.

mod rehearsal;
