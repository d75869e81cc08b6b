# What building the plan and choosing steps say (src/plan/, src/engine/selection.rs,
# src/engine/guided.rs): unknown `needs`, variables and manifests, --only/--from/--until, step mode.
