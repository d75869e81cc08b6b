# What `workshop validate` and every command that reads a scenario say about its meaning
# (src/scenario/analyze.rs): checks, steps, variables and templates that do not fit together.
