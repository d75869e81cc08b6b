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

prompt-question-rehearsal = ▶ Enter: ejecutar este paso · s: saltarlo · q: salir · ?: ayuda
prompt-question = ▶ Enter: ejecutar este paso · s: saltarlo · q: salir (reanuda luego con --resume) · ?: ayuda
prompt-wrong-key = `{ $key }` no hace nada aquí: pulsa Enter para ejecutar este paso, s para saltarlo, q para salir o ? para ver la ayuda.
prompt-help =
    Enter   ejecuta este paso: su acción y luego sus comprobaciones
    s       sáltalo (los pasos que lo necesitan también se saltan; antes se te pregunta)
    q       para aquí: los procesos en segundo plano se detienen; en un clúster real --resume sigue desde aquí
    ?       esta ayuda
    Ctrl-C  para al momento, como q
prompt-skip-needed = ⚠ { $count ->
    [one] { $later } necesita `{ $step }`
   *[other] { $later } necesitan `{ $step }`
}: si lo saltas, { $count ->
    [one] fallará o se saltará
   *[other] fallarán o se saltarán
}. s: saltarlo igualmente · Enter: ejecutarlo · q: salir
prompt-end-of-input = fin de la entrada: no pueden llegar más respuestas, así que la ejecución para aquí
end-of-input-note = detenido: la entrada terminó en una tarjeta de paso; los procesos en segundo plano están detenidos
end-of-input-note-recorded = detenido: la entrada terminó en una tarjeta de paso; los procesos en segundo plano están detenidos y el progreso queda guardado
card-manifests = los manifiestos que aplica, renderizados: { $path }
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

md-capabilities = Lo que este laboratorio hace en tu máquina
md-capabilities-intro = Además de kubectl en el clúster del laboratorio, los comandos de abajo hacen estas cosas. `workshop run` las enumera y pregunta antes de ejecutar un laboratorio que las hace (salvo un laboratorio incluido en workshop, sin cambios).
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

## Lo que hicieron las acciones

action-objects-created = { $done } de { $count } objetos creados a partir de { $template }
action-objects-applied = { $done } de { $count } objetos aplicados a partir de { $template }
action-found = { $count ->
    [one] { $count } encontrado
   *[other] { $count } encontrados
}
action-patched = { $object } modificado ({ $kind })
action-scaled = { $object } escalado a { $replicas } réplicas
action-background = { $command } sigue en segundo plano
action-exited = `{ $command }` terminó con código { $code }
action-exec-exited = `{ $command }` en pod/{ $pod } terminó con código { $code }
action-forwarding = reenviando { $description }
action-deleted = { $object } borrado
action-delete-waiting = esperando a que { $object } (uid { $uid }) desaparezca, hasta { $timeout }
action-gone = { $object } (uid { $uid }) ya no está
action-gone-recreate = { $object } (uid { $uid }) ya no está; su controlador puede volver a crearlo
captured = guardado { $name } = { $value }

## Clústeres

rehearsal-addon = ensayo: addon { $addon } { $enabled ->
    [yes] activado
   *[no] desactivado
}
rehearsal-ready = clúster de ensayo listo
rehearsal-ready-addons = clúster de ensayo listo con los addons { $addons }
rehearsal-embedded = clúster de ENSAYO (no se ejecuta ningún contenedor), Kubernetes { $version } en { $address }
rehearsal-faults = con fallos { $faults } ({ $variable })
rehearsal-attached = clúster de ENSAYO (no se ejecuta ningún contenedor) en { $server }, conectado mediante { $kubeconfig }
rehearsal-serve-node = Nodo: { $node } (con el nombre del perfil de minikube)
rehearsal-node-mismatch = el nodo de este ensayo es { $nodes }, no { $profile } (minikube lo llama como el perfil del lab); para un clúster como el del lab (nodo, versión, addons), detenlo y ejecuta `{ $command }`
minikube-reusing = el perfil { $profile } ya está en marcha; lo reutilizo
minikube-reused = perfil { $profile } reutilizado
minikube-started = perfil de minikube { $profile } arrancado
minikube-addon = addon { $addon } { $enabled ->
    [yes] activado
   *[no] desactivado
}
cluster-minikube = perfil de minikube { $profile } ({ $binary })
cluster-existing-context = clúster existente, contexto { $context }

## Lo que ve una comprobación que espera

seen-claim-missing = la reclamación (PVC) no existe
seen-phase = fase { $phase }
seen-class = clase { $class }
seen-no-class = sin clase
seen-volume = volumen { $volume }
seen-rollout = { $ready }/{ $desired } listas, { $updated } actualizadas
seen-rollout-stale = el controlador aún no ha visto el último cambio
seen-not-recreated = ya no está, aún no se ha vuelto a crear
seen-old-object = sigue siendo el objeto antiguo (uid { $uid })
seen-recreated-not-ready = vuelto a crear (uid nuevo { $uid }), { $phase }, aún no Ready
seen-recreated = vuelto a crear con el uid nuevo { $uid }
seen-ingress-missing = el Ingress no existe
seen-no-address = aún sin dirección
seen-address = dirección { $address }
seen-found = encontrado{ $places } (uid { $uid })
seen-not-found = no encontrado
seen-similar = { $observed }; parecidos: { $objects }
seen-terminating = sigue ahí{ $places }, borrándose (Terminating)
seen-still-there = sigue ahí{ $places }
seen-ready-pods = { $ready }/{ $want } Ready ({ $pods ->
    [one] 1 pod
   *[other] { $pods } pods
})
seen-count = { $count } de { $want }
seen-no-default-class = ninguna StorageClass está marcada por defecto
seen-default-class = por defecto: { $name }
seen-default-classes = { $count } por defecto: { $names }
seen-no-condition = aún sin la condición { $condition }
word-or = o
keep-running-forward = { $name } está en { $address } (port-forward a svc/{ $service })
keep-running-still = sigue en marcha: { $description }
keep-running-stop = { $count ->
    [one] pulsa Enter para detenerlo
   *[other] pulsa Enter para detenerlos todos
}
interrupt-stopping = ⏹ { $signal }: detengo el paso en curso y los procesos en segundo plano (SIGTERM, y SIGKILL tras { $grace } s; una segunda señal los detiene al momento)

## workshop doctor

doctor-item-scenario = escenario
doctor-item-rehearsal = ensayo
doctor-item-cluster = clúster
doctor-item-kube-context = contexto kube
doctor-item-variables = variables
doctor-item-manifests = manifiestos
doctor-item-local-port = puerto local
doctor-item-driver = driver
doctor-fix = arreglo:
doctor-ready = listo: está todo lo que la ejecución necesita
doctor-not-ready = { $count ->
    [one] no está listo: 1 problema por arreglar
   *[other] no está listo: { $count } problemas por arreglar
}
doctor-scenario-valid = { $path } es válido
doctor-scenario-problems = { $path } tiene { $count ->
    [one] 1 problema
   *[other] { $count } problemas
}
doctor-scenario-fix = ejecuta `{ $command }` para verlos
doctor-heading-lab = workshop doctor: laboratorio { $lab } en { $provider } (perfil { $profile })
doctor-rehearsal-built-in = incluido en workshop: nada que instalar, no se ejecuta ningún contenedor
doctor-rehearsal-answers = un `workshop rehearsal serve` responde en { $server }
doctor-rehearsal-serve-fix = arráncalo con `{ $command }`, o quita --kubeconfig para usar el ensayo incluido
doctor-profile-answers = el perfil { $profile } responde en { $server }
doctor-profile-not-running = el perfil { $profile } aún no está en marcha; el paso start-cluster del laboratorio lo arranca
doctor-profile-cannot-start = el perfil { $profile } no está en marcha, y sin minikube nada puede arrancarlo
doctor-profile-cannot-start-fix = instala minikube (mira la línea de minikube más arriba), o prueba el laboratorio sin contenedores: --cluster rehearsal
doctor-context-answers = { $context }: { $server } responde
doctor-check-cluster-info = revisa `kubectl cluster-info`
doctor-api-silent = { $context }: el servidor de la API no respondió en { $seconds } s
doctor-api-silent-fix = ¿está en marcha el clúster? `kubectl cluster-info` muestra dónde debería estar
doctor-variables-fix = corrige los valores de --var
doctor-manifests-fix = ejecuta `workshop validate` sobre el escenario
doctor-version-serves = { $version } ({ $source ->
    [cluster] la del clúster
   *[scenario] la del escenario
}) sirve todas las APIs de los { $objects } objetos del laboratorio
doctor-version-unserved = { $version } ({ $source ->
    [cluster] la del clúster
   *[scenario] la del escenario
}) no sirve { $apis }
doctor-version-fix = usa una versión que las sirva (--kubernetes-version), o emítelas solo donde se sirven: {"{"}% if "…" in cluster.api_versions %{"}"}
doctor-port-free = 127.0.0.1:{ $port } está libre (paso { $step })
doctor-port-busy = 127.0.0.1:{ $port } está en uso (lo necesita el paso { $step })
doctor-port-busy-fix = detén lo que escucha ahí (`ss -ltnp | grep { $port }`), o elige otro puerto: { $choice }
doctor-not-on-path = no está en el PATH
doctor-minikube-silent = { $path } no responde a `minikube version`
doctor-minikube-reinstall = reinstala minikube (https://minikube.sigs.k8s.io/docs/start/)
doctor-no-driver = no se encontró ningún driver de minikube (docker, podman, virtualbox, kvm2, hyperkit, qemu)
doctor-no-driver-fix = instala Docker (https://docs.docker.com/engine/install/) o Podman, los drivers que minikube elige primero
doctor-no-kubectl = no encontrado (opcional: workshop habla con la API directamente)
doctor-no-kubectl-fix = instala kubectl (https://kubernetes.io/docs/tasks/tools/) para seguir a mano, o usa `minikube kubectl --`
doctor-version-unknown = versión desconocida
start-cluster-server = Kubernetes { $version } en { $server }
minikube-install-hint = instala minikube (https://minikube.sigs.k8s.io/docs/start/) y un driver como Docker; o ensaya el laboratorio sin él: workshop run { $scenario } --cluster rehearsal
action-objects-adopted = { $count } adoptados (creados antes de la interrupción)
captured-kept = se mantiene { $name } = { $value } (guardado antes)

## workshop validate

validate-ok = { $path } es válido: laboratorio `{ $lab }` ({ $title }), { $steps ->
    [one] 1 paso
   *[other] { $steps } pasos
}, { $cleanup ->
    [one] 1 paso de limpieza
   *[other] { $cleanup } pasos de limpieza
}, { $templates ->
    [one] 1 plantilla
   *[other] { $templates } plantillas
} que generan { $objects ->
    [one] 1 objeto
   *[other] { $objects } objetos
} para Kubernetes { $version }

## Lo que observa una comparación de campos

# `items` nombra aquello de lo que una ruta selecciona varios: `image de los containers`, o `containers`.
path-items = { $rest } de los { $noun }
path-items-default = elementos
expect-count = { $items }: { $count } ({ $path })
seen-more-in-all = … ({ $count } en total)
seen-selects-nothing = ningún valor en { $items }: { $path } no selecciona nada
seen-not-set = { $path } no está definido
seen-count-values = { $items }: { $count }
seen-all-equal = { $items }: { $count } de { $count } = { $value }
seen-some-equal = { $items }: { $matching } de { $count } = { $value }; los demás: { $others }
seen-any-equal = { $items }: { $matching } de { $count } = { $value }
seen-none-equal = { $items }: ninguno de { $count } = { $value }: { $found }
seen-values = { $path } = { $values } ({ $count ->
    [one] 1 valor
   *[other] { $count } valores
})
seen-contains-map = { $path } es un mapa: `contains` sobre un mapa espera una tabla de entradas, como {"{"} app = "web" {"}"} (se encontró { $found })
seen-field-absent = no hay { $path }
seen-field-there = { $path } { $count ->
    [one] está presente
   *[other] selecciona { $count } valores
}: { $values }
seen-first-answer = esperando la primera respuesta del servidor de la API
seen-watch-ended = la vigilancia (watch) se cortó
seen-watch-retrying = { $observed } (vigilancia interrumpida, reintentando)

## Respuestas HTTP

http-no-answer-within = { $method } { $url } no respondió en { $timeout }
http-status-not = estado { $status } (se esperaba { $want })
http-body-lacks = estado { $status }, el cuerpo no contiene { $want }: { $body }
http-body-not-json = estado { $status }, el cuerpo no es JSON: { $body }
http-json-expected = se esperaba { $want }; se encontró { $found }
http-status = estado { $status }
http-retrying = { $error } (reintentando)
http-answer-mismatch = la respuesta no coincide: { $why }

## Diagnósticos de una comprobación fallida

diagnosis-image-pull = no se puede descargar una imagen; revisa el nombre y la etiqueta de la imagen (Bitnami trasladó sus imágenes con versión a docker.io/bitnamilegacy/ en 2025). { $event }
diagnosis-no-default-class = la reclamación (PVC) está en Pending porque ninguna StorageClass está marcada como predeterminada y la reclamación no nombra ninguna; marca una como predeterminada (los pasos de StorageClass)
diagnosis-claim-not-bound = la reclamación (PVC) aún no está Bound (StorageClass predeterminada: { $classes }); puede que su aprovisionador aún esté arrancando
diagnosis-no-ingress-controller = el Ingress no tiene dirección porque no hay ningún controlador de Ingress instalado (activa el addon ingress)
diagnosis-ingress-controller-not-ready = el Ingress aún no tiene dirección porque el controlador de Ingress no está Ready
diagnosis-ingress-no-address = el controlador de Ingress está Ready pero no ha publicado una dirección para este Ingress; revisa su ingressClassName

## Problemas, mostrados como archivo:línea:columna con lo que se esperaba y una pista

diag-error = error:
diag-expected = se esperaba:
diag-hint = pista:
diag-problems-found = { $count ->
    [one] 1 problema encontrado
   *[other] { $count } problemas encontrados
}
one-of = uno de { $items }
did-you-mean = ¿querías decir `{ $word }`?

## Leer un archivo de escenario

load-not-found-hint = revisa la ruta; `workshop list` muestra los escenarios de scenarios/
load-toml-syntax = error de sintaxis TOML: { $error }
load-toml-syntax-hint = consulta la sintaxis en https://toml.io; las cadenas van entre comillas y las tablas como `[nombre]`
load-unknown-table = tabla de primer nivel desconocida `{ $table }`
load-unknown-table-hint = un escenario tiene [lab], [cluster], [vars], [[steps]] y [[cleanup]]
load-no-lab = el escenario no tiene tabla [lab]
load-no-lab-expected = una tabla [lab] con id y title
load-no-lab-hint = empieza el archivo con:
    {"["}lab]
    id = "mi-lab"
    title = "Mi laboratorio"
load-vars-not-table = `vars` debe ser una tabla, pero es { $found }
load-vars-not-table-expected = [vars] con líneas `nombre = "valor"`
load-not-array = `{ $table }` debe ser una lista de tablas
load-not-array-expected = tablas [[{ $table }]], una por paso
load-not-array-hint = escribe cada paso como una tabla `[[{ $table }]]` con id, title y una acción
load-unknown-field = campo desconocido `{ $field }`
load-missing-field = falta el campo `{ $field }`
load-step-field-expected = un campo de paso ({ $fields }) o una clave de acción
load-check-key-expected = una clave de comprobación ({ $keys }) y los campos comunes `timeout` y `hint`
load-duration-expected = una duración: un número con unidad, como "30s", "2m" o "1m 30s"
load-duration-hint = unidades: ms, s, m, h; se pueden combinar varias partes ("1m 30s")
load-step-one-action-hint = un paso tiene una sola acción: { $actions }; las comprobaciones van en [[steps.checks]]
load-check-one-key-hint = una comprobación tiene una sola clave de comprobación; escribe una tabla [[steps.checks]] por comprobación
load-unknown-field-hint = quita `{ $field }` o revisa cómo está escrito
load-missing-field-hint = añade `{ $field } = …` a esta tabla
load-lab-hint = [lab] necesita id y title; consulta docs/scenario-format.md
load-cluster-hint = consulta la sección [cluster] de docs/scenario-format.md

## workshop reset

reset-all-not-minikube = --all borra el perfil de minikube, y este reset apunta al clúster { $provider }
reset-all-not-minikube-expected = --all solo con el proveedor minikube
reset-all-not-minikube-hint = quita --all: { $command }
reset-will-delete-profile = borrar el perfil de minikube { $profile } (minikube delete -p { $profile })
reset-will-forget-state = olvidar el estado para reanudar { $path }
reset-needs-terminal = reset pide confirmación, y la entrada estándar no es una terminal
reset-needs-terminal-expected = una terminal en la que responder, o --yes
reset-needs-terminal-hint = añade --yes para restablecer sin preguntar: { $command }
reset-intro = Restablecer el laboratorio `{ $lab }` en el clúster { $provider }:
reset-go-ahead = ¿Continuar?
reset-nothing-changed = no se ha cambiado nada
reset-cluster-not-running = el clúster no está en marcha, así que sus pasos de limpieza no pueden ejecutarse
reset-cluster-not-running-hint = arráncalo (`minikube start -p { $profile }`) y vuelve a restablecer, o borra el perfil entero: { $command }
reset-title = restablecer: { $title }
reset-state-cleared = estado para reanudar borrado ({ $path })
reset-no-state = no hay estado para reanudar que borrar
reset-state-not-removed = aviso: no se puede borrar { $path }: { $error }
reset-deleting-profile = borrando el perfil de minikube { $profile }
reset-profile-deleted = ✔ perfil de minikube { $profile } borrado
reset-profile-not-deleted = ✖ minikube delete -p { $profile } falló: { $error }
cleanup-kind-not-served = ya estaba limpio: este clúster no ofrece { $kind } ({ $group_version }), así que no hay ninguno
cleanup-already-gone = ya estaba limpio: { $object } no existe

## El script de bash de `workshop export --format sh` (sus comentarios y los mensajes que escribe)

export-cannot-script = no se puede exportar el laboratorio como script: { $why }
export-cannot-script-hint = el manual en Markdown (--format md) muestra cada paso sin ejecutar nada
export-word-nul = { $what } contiene un carácter NUL, que ningún argumento de un comando puede llevar
export-word-transformed = { $what } transforma un valor capturado (¿un filtro sobre una captura?), algo que un script no puede repetir
export-cannot-write = -o { $path }: no se puede escribir el manual: { $why }
export-cannot-write-hint = elige un archivo en una carpeta que exista y en la que puedas escribir
export-wrote = guardado en { $path }
export-what-step = el paso `{ $step }`
export-what-capture = la captura `{ $capture }`
export-what-pause = la pausa del paso `{ $step }`
export-what-check = una comprobación
sh-intro = Laboratorio { $lab }: los comandos minikube/kubectl/curl equivalentes a cada paso, en orden.
sh-generated = Generado por `workshop export --format sh` a partir de { $source }; `workshop run` ejecuta los
    mismos pasos y demuestra cada uno con comprobaciones. Aquí las comprobaciones son comentarios, y esperas
    donde kubectl o curl pueden esperar.
sh-variables = Variables: { $vars }
sh-capabilities = Lo que este script hace además de kubectl en el clúster del laboratorio (`workshop run` pregunta
    antes de ejecutar un laboratorio que hace estas cosas; este script las hace sobre la marcha):
sh-create-allowing-existing = `kubectl create` que deja en paz los objetos que ya existen (`allow-existing` en el laboratorio):
    solo falla cuando se informa de un error distinto de AlreadyExists.
sh-json-plain = Un valor capturado entra en un documento JSON más abajo solo si no contiene nada que JSON tenga que escapar.
sh-json-plain-refusal = la captura %s contiene una comilla, una barra invertida o un carácter de control; aquí no puede ir dentro de JSON
sh-reset = `bash { $script } reset` deshace el laboratorio en su lugar, como hace `workshop reset` (se intentan todos los pasos).
sh-background-stopped = Los procesos en segundo plano (port-forward, tunnel) se detienen cuando termina el script.
sh-background-still-running = Los procesos en segundo plano siguen ejecutándose. Pulsa Enter para detenerlos y terminar.
sh-secrets = Los valores secretos solo aparecen donde se crea o modifica un Secret; en el resto se muestran como { $mask }:
    pon los tuyos antes de ejecutar esos comandos.
sh-optional-failed = el paso opcional falló; seguimos
sh-check = comprobación: { $check }
sh-capture-background = { $var }: un proceso en segundo plano no da respuesta aquí; workshop la registra
sh-captured = capturado %s = %s

## Consentimiento (src/trust/): se muestra solo desde estos catálogos integrados, nunca desde los de un laboratorio

caps-this-lab = este laboratorio:
caps-programs = ejecuta programas en esta máquina
caps-pod-commands = ejecuta comandos en pods
caps-hosts = envía peticiones HTTP a
caps-grants = concede roles con muchos privilegios
caps-other-grants = otras concesiones para todo el clúster
caps-reads = lee: { $files }
caps-by-step = paso { $id }
caps-by-cleanup-step = paso de limpieza { $id }
caps-by-check = una comprobación del { $by }
caps-by-extra-flags = { $by }, con los extra-flags del laboratorio
caps-by-template = plantilla { $template }
caps-in-pod = { $command } en el pod { $pod }
caps-captured-address = la dirección de `{ $url }`, tomada durante la ejecución de { $captures }
caps-in-namespace = en el namespace { $namespace }
caps-cluster-wide = en todo el clúster
caps-grant = { $binding } da { $role } a { $subjects } { $scope }
trust-not-trusted = el laboratorio `{ $lab }` ({ $path }) no es de confianza en esta máquina todavía. Este laboratorio:
trust-question = { $what ->
    [reset] ¿Restablecerlo?
   *[run] ¿Ejecutarlo?
}
trust-why-no-terminal = no hay ninguna terminal en la que preguntar
trust-why-not-yes = no respondiste que sí
trust-refused = el laboratorio `{ $lab }` no se { $what ->
    [reset] restableció
   *[run] ejecutó
}: no es de confianza en esta máquina y { $why }
trust-refused-expected = tu consentimiento para lo que hace este laboratorio:
    { $uses }
trust-refused-hint = lee primero el laboratorio (`workshop plan { $path }`); después { $what ->
    [reset] restablécelo
   *[run] ejecútalo
} en una terminal para que se te pregunte una vez, confía en él con `workshop trust { $path }`, o añade --trust para confiar solo en { $what ->
    [reset] este restablecimiento
   *[run] esta ejecución
}
trust-cannot-remember = aviso: no se puede recordar la respuesta en { $path }: { $error }; se te volverá a preguntar
trust-no-data-folder = aviso: no hay carpeta de datos en la que recordar la respuesta; se te volverá a preguntar
trust-note-bundled = de confianza: un laboratorio que viene con workshop, sin cambios (docs/security.md)
trust-note-remembered = de confianza: ya confiaste antes en el contenido de este laboratorio en esta máquina
trust-note-given = de confianza: respondiste que sí; se recuerda el contenido de este laboratorio como de confianza
trust-note-flag = de confianza solo para esta ejecución (--trust)
trust-standing-not-needed = consentimiento: no hace falta (no ejecuta programas, no se conecta a otros hosts ni concede roles con muchos privilegios)
trust-standing-bundled = consentimiento: no se pregunta, es un laboratorio que viene con workshop, sin cambios
trust-standing-remembered = consentimiento: no se pregunta, ya confiaste en este contenido en esta máquina (`workshop trust --revoke` lo olvida)
trust-standing-asks = consentimiento: `workshop run` pregunta antes de ejecutar este laboratorio, y sin terminal se niega salvo que se indique --trust (docs/security.md)

## El modo clase, en la terminal del alumno

class-announcement = 📣 del instructor: { $text }
class-not-reported = clase: { $error }; esta ejecución no se comunica a la clase
class-unreachable = clase: no se puede contactar con el servidor de la clase { $url } ({ $why }); el laboratorio sigue, y su progreso se enviará cuando el servidor vuelva
class-not-sent-yet = clase: { $count ->
    [one] 1 evento aún sin enviar; se guarda
   *[other] { $count } eventos aún sin enviar; se guardan
} en { $path } y los enviará la próxima ejecución de este laboratorio
class-it-answered = respondió { $status }
class-bad-url = `{ $url }` no es una URL de servidor de clase: { $why }
class-server-answered = el servidor de la clase respondió { $status }: { $error }
class-not-understood = no se entiende la respuesta del servidor de la clase: { $why }

## Errores que detienen una ejecución antes de un paso o entre pasos (src/engine/error.rs)

engine-invalid = el escenario no es válido
engine-missing-binary = no se encontró `{ $name }` en el PATH
engine-unreachable = no se puede contactar con el clúster ({ $context }): { $message }
engine-kubeconfig = kubeconfig: { $message }
engine-port-in-use = el puerto local { $port } de 127.0.0.1 ya está en uso (lo necesita el paso `{ $step }`)
engine-rehearsal-failed = el clúster de ensayo falló: { $why }
engine-rehearsal = el clúster de ensayo no pudo arrancar: { $why }
engine-busy = el laboratorio `{ $lab }` ya se está ejecutando desde esta carpeta ({ $holder })
engine-lock = no se puede bloquear el laboratorio ({ $path }): { $message }
engine-runtime = no se pudo arrancar el entorno asíncrono: { $error }

## Contactar con un clúster existente (src/engine/provider/existing.rs)

kubeconfig-where-hint = pasa --kubeconfig RUTA, define KUBECONFIG o crea ~/.kube/config (minikube y kind escriben uno)
kubeconfig-no-such-file = --kubeconfig { $path }: ese archivo no existe
kubeconfig-no-such-file-hint = revisa la ruta; minikube y kind escriben su kubeconfig en ~/.kube/config
kubeconfig-cannot-read = no se puede leer `{ $path }`: { $error }
kubeconfig-env-missing = KUBECONFIG nombra { $paths }, que no existe
kubeconfig-env-missing-hint = apunta KUBECONFIG a un archivo que exista (`export KUBECONFIG=RUTA`), quítala para usar ~/.kube/config, o pasa --kubeconfig RUTA
kubeconfig-cannot-read-default = no se puede leer el kubeconfig: { $error }
kubeconfig-no-context = no hay ningún contexto `{ $context }`
kubeconfig-no-context-hint = contextos del kubeconfig: { $contexts }
kubeconfig-entries-hint = revisa las entradas de cluster y user del contexto (`kubectl config view`)
existing-unreachable-hint = ¿está en marcha el clúster? compruébalo con `kubectl cluster-info`; sin clúster, prueba --cluster rehearsal

## Un clúster que falla mientras se ejecuta un laboratorio (src/engine/cluster/health.rs)

health-vanished = el clúster dejó de responder: { $last } desde las { $since }, durante más de { $seconds } s
health-replaced = el clúster fue sustituido (se reinició sin sus datos): { $why }
health-unreachable = no se puede contactar con el clúster desde las { $clock } ({ $elapsed }, { $last }); el paso falla pasados { $grace }
health-retrying = { $what } desde hace { $elapsed }; reintentando
