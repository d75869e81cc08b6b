# What building the plan and choosing steps say (src/plan/, src/engine/selection.rs,
# src/engine/guided.rs): unknown `needs`, variables and manifests, --only/--from/--until, step mode.

## Choosing steps: --only, --skip, --from, --until (src/engine/selection.rs)

selection-running = running { $count } of { $total } steps: { $ids }
selection-reversed = --from { $from } comes after --until { $until } in the lab
selection-reversed-expected = --from names a step before (or equal to) --until
selection-reversed-hint = swap them: --from { $from } --until { $until }
selection-needs-not-run = { $count ->
    [one] step { $steps } needs
   *[other] steps { $steps } need
} { $needs }, which { $needed ->
    [one] has
   *[other] have
} not run against this cluster
selection-needs-expected-rehearsal = the steps they depend on completed first; the built-in rehearsal starts empty on every run and records nothing
selection-needs-expected = the steps they depend on completed first (recorded in .workshop/state/)
selection-needs-hint-rehearsal = run the lab up to it, in one run: { $command }; or add --force to run it alone anyway
selection-needs-hint = run them first: { $command }; or add --force to run anyway
selection-unknown-step = { $flag } { $id }: the lab `{ $lab }` has no step `{ $id }`
selection-step-id-expected = the id of one of the lab's [[steps]]
selection-step-id-expected-plan = the id of one of the lab's [[steps]] (`workshop plan` lists them)
selection-cleanup-step-hint = `{ $id }` is a cleanup step; cleanup steps run with `workshop reset`
selection-steps-are = the steps are: { $ids }

## Resuming (src/engine/guided.rs, src/engine/state/)

state-json-expected = the JSON that `workshop run` writes
state-cluster = { $provider } cluster, context { $context }, kube-system uid { $uid }
state-not-a-state-file = { $path } is not a workshop state file ({ $error }); delete it to start over
state-cannot-read = cannot read { $path }: { $error }
state-cannot-write = warning: cannot write the resume state { $path }: { $error }; --resume will not know this run
resume-nothing-recorded = --resume: nothing to resume, lab `{ $lab }` has no recorded progress in { $path }
resume-nothing-recorded-expected = an earlier run of this lab from this folder
resume-nothing-recorded-hint = start it without --resume: { $command }
resume-no-cluster = no cluster
resume-cluster-not-running = a { $provider } cluster that is not running
resume-other-cluster = --resume: the progress recorded in { $path } belongs to another cluster
resume-other-cluster-expected = the recorded cluster ({ $recorded }); this run reaches { $here }
resume-other-cluster-hint-rehearsal = the embedded rehearsal cluster is new on every run, so it cannot be resumed; start over with `workshop run { $path } --cluster rehearsal`, or rehearse against a `workshop rehearsal serve { $path } --kubeconfig PATH` (then `--cluster rehearsal --kubeconfig PATH`), which keeps its identity between runs
resume-other-cluster-hint-minikube = start the recorded cluster first (`minikube start -p { $profile }`) and resume again, or start over without --resume
resume-other-cluster-hint = point this run at the recorded cluster (--cluster, --context, --kubeconfig), or start over: `workshop reset { $path }`, then run without --resume

## One run of a lab at a time, and what a killed run left (src/engine/lock.rs, src/engine/leftovers.rs)

lock-holder = PID { $pid }, `{ $command }`, since { $since }
lock-holder-starting = a run that is starting
lock-busy-hint = two runs of one lab would fight over its cluster and its progress: wait for that one to finish, or stop it (Ctrl-C in its terminal, or `kill` its PID); the lock is { $path }
lock-taken-over = took over the lock of lab `{ $lab }` ({ $path }): its holder ({ $holder }) is no longer running
leftovers-process = `{ $command }` (process group { $group }{ $killed ->
    [yes] , killed after the grace period
   *[no] {""}
})
leftovers-stopped = an earlier run (PID { $pid }, `{ $command }`, since { $since }) ended without stopping its processes; stopped what was still running: { $stopped }

## Before the first step (src/engine/mod.rs, src/engine/interrupt.rs)

signal-hup = SIGHUP (the terminal closed)
interrupted-before-first-step = interrupted by { $signal } before the first step; nothing was run
resume-nothing-left = every step of lab `{ $lab }` already completed against this cluster; nothing to resume (`workshop reset { $path }` starts over)
manifest-rendered-document = rendered, document { $doc }
preflight-api-not-served = { $object } uses { $api }, which Kubernetes { $version } does not serve
preflight-api-expected = only APIs the cluster serves ({ $source ->
    [live] from its discovery
   *[assumed] assumed from kubernetes-version
})
preflight-api-hint = emit it only where it is served: {"{"}% if "{ $api }" in cluster.api_versions %{"}"} … {"{"}% endif %{"}"}{ $psp ->
    [yes] {" "}(PodSecurityPolicy was removed in Kubernetes 1.25)
   *[no] {""}
}; nothing was created
preflight-port-hint = stop what listens there (`ss -ltnp | grep { $port }`), or choose another port: { $choice }
preflight-port-change = change local-port of step `{ $step }`
