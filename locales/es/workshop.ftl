# Las palabras de workshop, en español.
# Cada mensaje de locales/en/workshop.ftl está aquí con las mismas variables (lo comprueba una
# prueba). Véase docs/languages.md.

## Elección del idioma

lang-not-offered = --lang { $asked }: este laboratorio no está escrito en `{ $asked }`
lang-not-offered-expected = uno de los idiomas del laboratorio: { $offered }
lang-not-offered-hint = elige uno: { $choices }

## Una ejecución, sobre la marcha

run-started = laboratorio { $lab_id }: { $title } ({ $steps ->
    [one] 1 paso
   *[other] { $steps } pasos
})
run-started-short = ({ $lab_id }, { $steps ->
    [one] 1 paso
   *[other] { $steps } pasos
})
run-cluster = clúster: { $cluster }
rehearsal-label = ENSAYO
rehearsal-note = no se ejecuta ningún contenedor; los pasos que los necesitan se omiten, nunca se dan por buenos
step-header = paso { $index }/{ $total }
step-label = paso { $index }
check-checking = comprobando { $description } (límite { $timeout })
check-waiting = esperando: { $observed } · { $elapsed } de { $timeout }
elapsed-of = { $elapsed } de { $timeout }
check-failed-after = tras { $elapsed }
hint-line = pista: { $hint }
background-started = en segundo plano, iniciado: { $description }
background-running = en segundo plano: { $description }
background-stopped = en segundo plano, detenido: { $description }

## Por qué falló una comprobación

failure-diagnosis = diagnóstico: { $text }
failure-expected = se esperaba: { $text }
failure-observed = se observó: { $text }
failure-api-error = último error de la API: { $text }
failure-events = eventos recientes:

## Cómo terminó un paso

status-passed = correcto
status-failed = falló
status-skipped = omitido: { $why }
status-optional-failed = falló (opcional, la ejecución sigue)
status-already-done = ya estaba hecho
status-interrupted = interrumpido
skip-needs-real-cluster = necesita un clúster real (el ensayo no ejecuta contenedores)
skip-dependency = depende de `{ $dep }`, que no salió bien
skip-at-request = a petición tuya

## El resumen

summary-passed = { $count ->
    [one] { $count } correcto
   *[other] { $count } correctos
}
summary-passed-already = { $count ->
    [one] { $count } correcto
   *[other] { $count } correctos
} ({ $already } ya hechos)
summary-failed = { $count ->
    [one] { $count } fallido
   *[other] { $count } fallidos
}
summary-interrupted-step = `{ $id }` interrumpido
summary-skipped = { $count ->
    [one] { $count } omitido
   *[other] { $count } omitidos
}
summary-optional-failed = { $count ->
    [one] { $count } opcional fallido
   *[other] { $count } opcionales fallidos
}
summary-interrupted-by = interrumpido por { $signal }:
summary-interrupted = interrumpido:
summary-line = { $parts } en { $elapsed }
later-steps-not-run = { $count ->
    [one] 1 paso posterior sin ejecutar
   *[other] { $count } pasos posteriores sin ejecutar
}
quit-note = detenido a petición tuya (q); los procesos en segundo plano están detenidos
quit-note-recorded = detenido a petición tuya (q); los procesos en segundo plano están detenidos y el progreso queda guardado

## Reanudar

resume-what-stopped = detenido
resume-what-failed = el paso `{ $id }` falló
resume-what-interrupted = interrumpido
resume-hint-rehearsal = { $what }; el clúster de ensayo desaparece con la ejecución, así que empieza de nuevo con: { $command }
resume-hint-fix = { $what }; cuando lo arregles, reanuda con: { $command }
resume-hint = { $what }; reanuda con: { $command }
resume-hint-again = { $what }; para ejecutarlo de nuevo: { $command }
resume-checking = reanudando: { $count ->
    [one] 1 paso completado
   *[other] { $count } pasos completados
} antes contra este clúster; compruebo que lo que dejaron sigue en pie
resume-still-holds = ✔ lo que dejaron sigue en pie ({ $asked ->
    [one] 1 comprobación hecha
   *[other] { $asked } comprobaciones hechas
}{ $left_out ->
    [0] {""}
   *[other] ; { $left_out } fuera: momentos de sus pasos, o cambiado a propósito por pasos posteriores
})
resume-hint-replaced = { $what }: el clúster fue sustituido (reiniciado sin sus datos), así que empieza el laboratorio de nuevo: { $command } (`{ $reset }` antes olvida el progreso antiguo; --resume se negaría: el clúster que registró ya no existe)
resume-hint-vanished = { $what }; cuando el clúster vuelva a responder, reanuda con: { $command }
resume-no-longer-holds = ✖ ya no se cumple: { $what }
resume-cluster-changed = el clúster cambió desde que se ejecutaron esos pasos; la ejecución sigue (repite uno con --only ID, o empieza de nuevo con `workshop reset`)

## Modo paso a paso y pausas

prompt-question-rehearsal = ▶ Enter: ejecutar este paso · s: saltarlo · q: salir
prompt-question = ▶ Enter: ejecutar este paso · s: saltarlo · q: salir (reanuda luego con --resume)
prompt-not-an-answer = `{ $answer }` no es una respuesta válida aquí;{" "}
confirm-choices = [s/N]
pause-default = Pulsa Enter para continuar.
pause-enter = [Enter]
pause-no-terminal = pausa: { $text } (no espero: no hay terminal)

## Qué verifica una comprobación

describe-kind-with = { $kind } con { $selector }
describe-with = con { $selector }
describe-in-any-namespace = en cualquier namespace
describe-in-namespace = en { $namespace }
check-exists = { $target } existe
check-absent = { $target } no existe
check-absent-field = { $target } no tiene { $path }
check-condition = { $target } con la condición { $condition }
check-rollout = { $target } desplegado (todas las réplicas actualizadas y listas)
check-count-ready = { $count ->
    [one] { $count } pod Ready
   *[other] { $count } pods Ready
}
check-count = { $count ->
    [one] { $count } { $kind }
   *[other] { $count } { $kind }s
}
check-default-storage-class = exactamente una StorageClass por defecto, y es { $name }
check-pvc-bound = { $target } está Bound
check-pvc-class = clase { $class }
check-pvc-volume = al volumen { $volume }
check-recreated = { $target } recreado con un uid nuevo (antes { $uid }) y Ready
check-ingress-address = { $target } tiene dirección
check-http = { $method } { $url } responde { $status }
check-http-body = el cuerpo contiene { $text }
expect-all-equal = todos los { $path } = { $value }
expect-any-equal = algún { $path } = { $value }
expect-contains = { $path } contiene { $value }
capture-before = antes de la acción
capture-after = después de las comprobaciones
capture-marker = un marcador único nuevo `{ $prefix }-…`
capture-answer-path = el campo { $path } de la respuesta
capture-answer = la respuesta entera
confirm-yes-words = s si sí y yes

## El material para el alumno (export --format md)

md-banner = Laboratorio `{ $lab }` · { $cluster } · Kubernetes { $version } · generado por `workshop export` a partir de `{ $source }`; ejecútalo con comprobaciones: `workshop run { $source }`
md-variables = Variables
md-variables-name = nombre
md-variables-value = valor
md-variables-meaning = significado
md-variables-change = Cambia una con `--var NOMBRE=VALOR` al ejecutar o exportar el laboratorio.
md-steps = Pasos
md-cleanup = Limpieza
md-cleanup-intro = `workshop reset { $source }` ejecuta estos pasos.
md-flag-optional = opcional
md-flag-background = sigue ejecutándose en segundo plano
md-records = guarda { $what }
md-check-within = { $check } (en { $timeout } como máximo)
md-what-it-checks = Qué comprueba workshop:
md-needs = Necesita { $steps }.
cluster-existing = un clúster existente
cluster-minikube-profile = perfil de minikube `{ $profile }`

## workshop plan

plan-cluster = clúster: { $provider } · perfil { $profile } · Kubernetes { $version } ({ $live ->
    [live] en vivo
   *[assumed] supuesto hasta que responda un clúster
})
plan-vars = variables: { $vars }
plan-cleanup = limpieza (workshop reset)
plan-flag-optional = opcional
plan-flag-pause = pausa
plan-flag-background = segundo plano
plan-flag-real-cluster = necesita un clúster real
plan-capture = guarda { $what }
plan-check = comprueba { $what }
plan-within = (en { $timeout } como máximo)
plan-needs = necesita { $steps }
plan-rendered = # { $file } (renderizado)
