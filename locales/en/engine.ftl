# What the engine says around the steps: the choice of steps (--only/--from/--until/--resume),
# the lab's lock and a killed run's leftovers, the plan's problems (src/plan/), a failing action's
# errors (src/actions/), the cluster's API failures, reports, and the flags' own checks.

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

## What a failing action says (src/actions/, src/engine/process.rs)

process-cannot-start = could not start `{ $program }`: { $error }
process-exited = `{ $command }` exited with code { $code }
process-timed-out = `{ $command }` did not finish within { $timeout } and was stopped
action-argv-empty = `argv` is empty
action-install-program = install { $program }, or check the spelling
action-exit-code-unexpected = `{ $command }` exited with code { $code } (expected { $want })
action-output-lacks = the output of `{ $command }` does not contain { $want }
action-exec-output-lacks = the output does not contain { $want }
action-doing-exec = exec in pod/{ $pod }
action-doing-read = reading { $object }
action-doing-read-existing = reading { $object }, which exists
action-doing-create = creating { $object }
action-doing-apply = applying { $object }
action-doing-delete = deleting { $object }
action-doing-patch = patching { $object }
action-doing-scale = scaling { $object }
action-doing-list = listing { $resources }
api-hint-not-found = the object does not exist (yet): check its name and namespace, and the steps before
api-hint-already-exists = it exists already, perhaps from an earlier run: `workshop reset` cleans up, or set `allow-existing = true`
api-hint-conflict = someone changed it at the same time; run the step again
api-hint-invalid = the API server rejected the object as invalid; read its message above
api-hint-forbidden = the kube context's user may not do this (RBAC)
forward-no-port = service/{ $service } has no port { $port }
forward-no-selector = service/{ $service } has no selector, so no pod to forward to
forward-listing-pods = listing the service's pods
forward-no-ready-pod = no Ready pod behind service/{ $service }
forward-no-ready-pod-hint = wait for the rollout first (a rollout check on the step before)
forward-no-named-port = pod { $pod } has no port named { $name }
forward-cannot-listen = cannot listen on { $address }: { $error }
forward-cannot-listen-hint = another program uses the port: stop it, or pass --var local_port=…
manifests-cannot-resolve = { $object } (document { $doc } of { $template }): { $why }
manifests-cannot-resolve-hint = `workshop validate` with --kubernetes-version shows whether a template fits this version
manifests-not-an-object = { $object } is not a valid object: { $error }
manifests-answer-lost-created = the answer was lost; found it created
manifests-exists-allowed = { $object } already exists (allowed)
manifests-adopted = { $object } was created by this lab before the interruption (uid { $uid }): adopted
manifests-existed-before = creating { $object }: it already exists, and this run of lab `{ $lab }` did not create it
manifests-existed-before-hint = it is left from an earlier run of the lab, or was made by hand: `workshop reset` with this lab's scenario file removes what lab `{ $lab }` creates; then run it again
delete-gone-already = { $object } is gone already: deleted before the interruption
delete-before-interruption = { $object } deleted before the interruption
delete-being-deleted = { $object } is already being deleted (uid { $uid })
delete-answer-lost-gone = the answer was lost, found it gone
delete-seen-gone = gone
delete-still-there = { $object } (uid { $uid }) was still there after { $timeout }
delete-api-failed-hint = the API server failed meanwhile: is the cluster healthy?
delete-finalizer-hint = a finalizer may hold it: look at metadata.finalizers
patch-not-operations = the JSON patch is not a list of operations: { $error }
tunnel-needs-minikube = `minikube tunnel` needs the minikube provider
tunnel-needs-minikube-hint = on another cluster, a LoadBalancer controller (such as MetalLB) gives Services their addresses
start-cluster-templates-do-not-render = the templates do not render for this cluster
http-invalid-url = `{ $url }` is not a valid URL: { $error }
http-not-http = `{ $url }` is not an http:// URL
http-cannot-build = cannot build the request to { $url }: { $error }
http-cannot-read-answer = reading the answer from { $url }: { $error }
http-cannot-connect = cannot connect: { $error }
http-not-loopback = `{ $host }` is not a loopback address: on the rehearsal cluster requests go only to 127.0.0.0/8, ::1 or localhost
http-not-loopback-hint = the rehearsal runs no containers, and nothing it reaches leaves this machine; run the lab on minikube (`--cluster minikube`) to reach `{ $host }`

## Talking to the cluster's API (src/engine/cluster/)

api-error-on-request = { $error } on { $request }
discovery-kind-in = kind { $kind } in { $api }
discovery-kind = kind { $kind }
discovery-not-served = the cluster does not serve { $what }
discovery-failed = the cluster's discovery failed where { $what } would be ({ $failures })
retry-api-answers = API answers { $code }
retry-connection-refused = connection refused
retry-cannot-connect = cannot connect ({ $error })
retry-connection-broken = connection broken ({ $error })
retry-no-answer = no answer within { $seconds }s
health-other-uid = its kube-system namespace has another uid ({ $now }, was { $was })
health-kube-system-gone = its kube-system namespace is gone
health-rv-backwards = its resourceVersions went backwards ({ $now } after { $high })

## The object a step names, captures, and what a resumed step says (src/engine/context.rs, capture.rs, execute.rs, expectation.rs, src/checks/mod.rs)

cluster-not-started = the cluster is not started yet
cluster-not-started-hint = run the scenario's start-cluster step first, or start the cluster yourself
scope-problem = { $problem }; expected { $expected }
what-this-check = this check
what-this-patch = this patch
what-this-scale = this scale
what-this-delete = this delete
what-this-capture = this capture
what-this-cleanup-step = this cleanup step
object-no-name = { $what } names no object
object-looking-everywhere = looking for { $kind } { $name } in every namespace
object-nowhere = no { $kind } named { $name } in any namespace
object-several = { $count } { $kind }s are named { $name }, in { $namespaces }; { $what } changes one
object-several-hint = replace `all-namespaces = true` with `namespace = "…"`
object-in-namespace = { $object } in { $namespace }
seen-no-match = no object matches the selector
seen-no-object = the object does not exist
seen-several-match = { $count } objects match ({ $names }); the check needs exactly one: give { $by ->
    [selector] a narrower selector or a name
   *[name] a namespace
}
capture-reading = capture { $name }: reading { $object }
capture-no-field = capture { $name }: { $object } has no { $path }
capture-no-answer = capture { $name }: the action gave no answer to capture from
capture-not-json = capture { $name }: the answer is not JSON
capture-answer-lacks = capture { $name }: the answer has no { $path }
expectation-moment = a moment of its step, true when it ran
expectation-changed-by = step `{ $step }` changed it on purpose since
converge-not-checked-again = not checked again: { $check } ({ $why })
resume-action-done-before = done before the interruption; its checks follow

## Reports (src/engine/report/)

report-not-run-interrupted = the run was interrupted before it
report-not-run-failure = the run stopped at an earlier failure
report-not-format-path = `{ $spec }` is not FORMAT=PATH; write e.g. --report junit=report.xml
report-unknown-format = `{ $format }` is not a report format; use junit or json
report-needs-file = the report needs a file: --report junit=report.xml
report-no-folder = cannot write the { $format } report to `{ $path }`: the folder `{ $folder }` does not exist
report-no-folder-hint = create it first: mkdir -p { $folder }
report-cannot-encode = could not encode the JSON report: { $error }
report-cannot-write = could not write the { $format } report to `{ $path }`: { $error }
junit-interrupted = interrupted (Ctrl-C, SIGTERM or SIGHUP, or q at a step card); --resume runs it again
junit-not-run = not run
junit-optional-failed = optional step failed, the run went on: { $why }
junit-expected-observed = expected { $expected }; observed { $observed }
junit-failed = failed
junit-nothing = nothing
junit-check = check: { $check }
field-check-needs-comparison = a field check needs one of `equals`, `any`, `contains` or `count`

## Building the plan: variables, templates, kinds, numbers (src/plan/)

var-given-twice = --var { $name } is given twice (`{ $first }`, then `{ $then }`)
var-given-twice-hint = give each variable once: --var { $name }=VALUE
var-type-hint = `{ $name }` is of type `{ $ty }` in [vars] (its default is `{ $default }`)
var-names = this scenario's variables: { $names }
var-unknown = --var { $name }: the scenario has no variable `{ $name }`
var-unknown-expected = a name from the scenario's [vars]
template-renders-nothing = template `{ $name }` renders no Kubernetes object
template-renders-nothing-hint = check the {"{"}% if %{"}"} blocks around its documents
kind-write-as = write the kind as `{ $kind }`
kind-unknown-hint = use a built-in kind (Pod, Deployment, StorageClass, …) or one the scenario's manifests create
kind-unknown = step `{ $step }` refers to unknown kind `{ $kind }`
kind-unknown-expected = a Kubernetes kind such as Pod, StatefulSet or StorageClass
get-unknown-resource = `get` names unknown resource `{ $resource }`
get-unknown-resource-expected = resource names as kubectl takes them: pods, pv, pvc, sc, ns, ingress, all, …
number-out-of-range = `{ $field }` is { $value }, outside { $low }..={ $high }
number-expected = a whole number from { $low } to { $high }
step-problem = step `{ $step }`: { $problem }
not-a-whole-number = `{ $expr }` renders to `{ $text }`, which is not a whole number
not-a-whole-number-hint = check the variable's value (`--var name=10`)
manifest-rendered = rendered
manifest-invalid-yaml = invalid YAML in template `{ $template }`: { $error }
manifest-invalid-yaml-expected = a YAML document describing one Kubernetes object
manifest-invalid-yaml-hint = check the indentation and quoting near that line of the rendered output (`workshop plan --manifests` shows it)
manifest-missing-field = document { $doc } of template `{ $template }` has no { $field }
manifest-missing-field-expected = every document to have apiVersion, kind and metadata.name
manifest-not-a-mapping = document { $doc } of template `{ $template }` is not a mapping
manifest-not-a-mapping-expected = a Kubernetes object: apiVersion, kind, metadata, …
manifest-missing-kind-hint = add it at the top of the document, e.g. `kind: Deployment`
manifest-missing-name-hint = every object needs `metadata: {"{"}name: …{"}"}`
manifest-value-of = the value of `{ $var }`
manifest-value = the value `{ $value }`
manifest-value-changed = template `{ $template }`: { $what } does not come through as written: the rendered YAML reads it differently
manifest-value-changed-expected = every value a template writes to stay one whole YAML value
manifest-value-changed-hint = values are written as YAML scalars, quoted when needed; write `{"{{"} name {"}}"}` where a whole value stands (not inside quotes, a comment or a block scalar), or give the variable a stricter type such as `dns-label`
converge-creates-it = creates it
converge-expects-count = expects { $now } instead of { $was }
converge-expects-field = expects { $path } to be { $now } instead of { $was }
converge-never-holds-again = step `{ $step }`, check { $index } ({ $check }): can never hold again once step `{ $later }` has run, which { $why }; where the lab's progress is not recorded, `--converge` would run `{ $step }` again. If the check describes the moment its step ran, say so: nature = "moment"

## The commands around a run: validate's warnings, trust, list (src/app.rs)

version-expected = a version such as 1.31.0
warning-label = warning:
trust-no-data-folder-error = there is no user data folder to remember trusted labs in
trust-no-data-folder-hint = set XDG_DATA_HOME or HOME; or pass --trust to each run
trust-revoked = lab `{ $lab }` ({ $path }) is no longer trusted; `workshop run` asks again
trust-was-not-trusted = lab `{ $lab }` ({ $path }) was not trusted
trust-content = lab `{ $lab }` ({ $path }), content { $hash }:
trust-remembered = trusted: `workshop run { $path }` will not ask while the lab's content stays the same
cannot-write-file = cannot write { $path }: { $error }
cannot-write-file-hint = check that the folder is yours and writable
list-cannot-read = cannot read folder `{ $folder }`: { $error }
list-cannot-read-hint = run it from the project folder, or name the folder: workshop list path/to/scenarios
list-none = no scenarios (*.toml with a [lab] table) in { $folder } or its subfolders
list-steps = { $count ->
    [one] step
   *[other] steps
}
list-invalid = (invalid)
list-problems = { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
list-validate = run `workshop validate { $path }`

## Background processes across runs (src/engine/background.rs, runner.rs, mod.rs)

background-killed = { $description } (still running { $seconds } s after SIGTERM: killed)
background-already-ended = { $description } (it had already ended)
leftovers-cannot-record = warning: cannot record this run's processes in { $path }: { $error }; if workshop is killed, what it started is not found at the next start
resume-restarting-background = ↻ starting `{ $id }` again: it completed in an earlier run, and its process ended with that run
resume-check-does-not-hold = { $check } does not hold
resume-restart-failed = ✖ `{ $id }` did not start again: { $why }; the steps that need it are skipped
process-workshop-ended = workshop ended while the process started

## Flags whose value is refused (src/cli.rs; clap's own words stay English, as --help does)

cli-invalid-value = invalid value '{ $value }' for '{ $flag }': { $why }
cli-more-information = For more information, try '--help'.
cli-var-not-name-value = `{ $value }` is not NAME=VALUE; write e.g. --var pacman_replicas=5
cli-duration = { $error }; write a duration like 30s or 2m
cli-timeout-zero = `{ $value }` would leave no time to wait: give a factor above 0, e.g. --timeout 0.5 (half) or --timeout 2 (twice)
cli-timeout-not-a-number = `{ $value }` is not a number: give a factor such as --timeout 2
