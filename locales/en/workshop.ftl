# workshop's own words, in English: the reference catalogue.
# Every message here must exist in every other locales/<lang>/workshop.ftl with the same
# variables (a unit test checks it). See docs/languages.md.

## Language choice

lang-not-offered = --lang { $asked }: this lab is not written in `{ $asked }`
lang-not-offered-expected = one of the lab's languages: { $offered }
lang-not-offered-hint = choose one: { $choices }

## A run, as it goes

run-started = lab { $lab_id }: { $title } ({ $steps ->
    [one] 1 step
   *[other] { $steps } steps
})
run-started-short = ({ $lab_id }, { $steps ->
    [one] 1 step
   *[other] { $steps } steps
})
run-cluster = cluster: { $cluster }
rehearsal-label = REHEARSAL
rehearsal-note = no containers run; steps that need them are skipped, never passed
step-header = step { $index }/{ $total }
step-label = step { $index }
check-checking = checking { $description } (timeout { $timeout })
check-waiting = waiting: { $observed } · { $elapsed } of { $timeout }
elapsed-of = { $elapsed } of { $timeout }
check-failed-after = after { $elapsed }
hint-line = hint: { $hint }
background-started = background started: { $description }
background-running = background: { $description }
background-stopped = background stopped: { $description }

## Why a check failed

failure-diagnosis = diagnosis: { $text }
failure-expected = expected: { $text }
failure-observed = observed: { $text }
failure-api-error = last API error: { $text }
failure-events = recent events:

## How a step ended

status-passed = passed
status-failed = failed
status-skipped = skipped: { $why }
status-optional-failed = failed (optional, the run goes on)
status-already-done = already done
status-interrupted = interrupted
skip-needs-real-cluster = needs a real cluster (the rehearsal runs no containers)
skip-dependency = depends on `{ $dep }`, which did not pass
skip-at-request = at your request

## The summary

summary-passed = { $count } passed
summary-passed-already = { $count } passed ({ $already } already done)
summary-failed = { $count } failed
summary-interrupted-step = `{ $id }` interrupted
summary-skipped = { $count } skipped
summary-optional-failed = { $count } optional failed
summary-interrupted-by = interrupted by { $signal }:
summary-interrupted = interrupted:
summary-line = { $parts } in { $elapsed }
later-steps-not-run = { $count ->
    [one] 1 later step not run
   *[other] { $count } later steps not run
}
quit-note = stopped at your request (q); background processes are stopped
quit-note-recorded = stopped at your request (q); background processes are stopped and the progress is recorded

## Resuming

resume-what-stopped = stopped
resume-what-failed = step `{ $id }` failed
resume-what-interrupted = interrupted
resume-hint-rehearsal = { $what }; the rehearsal cluster is gone with the run, so start over with: { $command }
resume-hint-fix = { $what }; after fixing it, resume with: { $command }
resume-hint = { $what }; resume with: { $command }
resume-hint-again = { $what }; to run it again: { $command }
resume-checking = resuming: { $count ->
    [one] 1 step
   *[other] { $count } steps
} completed earlier against this cluster; checking that what they left still holds
resume-still-holds = ✔ what they left still holds ({ $asked ->
    [one] 1 check asked
   *[other] { $asked } checks asked
}{ $left_out ->
    [0] {""}
   *[other] ; { $left_out } left out: moments of their steps, or changed on purpose by later steps
})
resume-hint-replaced = { $what }: the cluster was replaced (restarted without its data), so start the lab over: { $command } (`{ $reset }` first forgets the old progress; --resume would refuse: the cluster it recorded is gone)
resume-hint-vanished = { $what }; once the cluster answers again, resume with: { $command }
resume-no-longer-holds = ✖ no longer holds: { $what }
resume-cluster-changed = the cluster changed since those steps ran; the run goes on (run one again with --only ID, or `workshop reset` to start over)

## Step mode and pauses

prompt-question-rehearsal = ▶ Enter: run this step · s: skip it · q: quit
prompt-question = ▶ Enter: run this step · s: skip it · q: quit (resume later with --resume)
prompt-not-an-answer = `{ $answer }` is not an answer here;{" "}
confirm-choices = [y/N]
pause-default = Press Enter to continue.
pause-enter = [Enter]
pause-no-terminal = pause: { $text } (not waiting: no terminal)

## What a check verifies

describe-kind-with = the { $kind } with { $selector }
describe-with = with { $selector }
describe-in-any-namespace = in any namespace
describe-in-namespace = in { $namespace }
check-exists = { $target } exists
check-absent = { $target } is absent
check-absent-field = { $target } has no { $path }
check-condition = { $target } condition { $condition }
check-rollout = { $target } rolled out (all replicas updated and ready)
check-count-ready = { $count ->
    [one] { $count } Ready pod
   *[other] { $count } Ready pods
}
check-count = { $count ->
    [one] { $count } { $kind }
   *[other] { $count } { $kind }s
}
check-default-storage-class = exactly one default StorageClass, and it is { $name }
check-pvc-bound = { $target } is Bound
check-pvc-class = class { $class }
check-pvc-volume = to volume { $volume }
check-recreated = { $target } recreated with a new uid (was { $uid }) and Ready
check-ingress-address = { $target } has an address
check-http = { $method } { $url } answers { $status }
check-http-body = body contains { $text }
expect-all-equal = all { $path } = { $value }
expect-any-equal = any { $path } = { $value }
expect-contains = { $path } contains { $value }
capture-before = before the action
capture-after = after the checks
capture-marker = a new unique marker `{ $prefix }-…`
capture-answer-path = the answer's { $path }
capture-answer = the whole answer
confirm-yes-words = y yes

## The handout (export --format md)

md-banner = Lab `{ $lab }` · { $cluster } · Kubernetes { $version } · generated by `workshop export` from `{ $source }`; run it with checks: `workshop run { $source }`
md-variables = Variables
md-variables-name = name
md-variables-value = value
md-variables-meaning = meaning
md-variables-change = Change one with `--var NAME=VALUE` when you run or export the lab.
md-steps = Steps
md-cleanup = Cleanup
md-cleanup-intro = `workshop reset { $source }` runs these steps.
md-flag-optional = optional
md-flag-background = keeps running in the background
md-records = records { $what }
md-check-within = { $check } (within { $timeout })
md-what-it-checks = What workshop checks:
md-needs = Needs { $steps }.
cluster-existing = an existing cluster
cluster-minikube-profile = minikube profile `{ $profile }`

## workshop plan

plan-cluster = cluster: { $provider } · profile { $profile } · Kubernetes { $version } ({ $live ->
    [live] live
   *[assumed] assumed until a cluster answers
})
plan-vars = vars: { $vars }
plan-cleanup = cleanup (workshop reset)
plan-flag-optional = optional
plan-flag-pause = pause
plan-flag-background = background
plan-flag-real-cluster = needs a real cluster
plan-capture = capture { $what }
plan-check = check { $what }
plan-within = (within { $timeout })
plan-needs = needs { $steps }
plan-rendered = # { $file } (rendered)
