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

## El modo clase, del lado del instructor: las palabras de los tableros (src/class/strings.rs,
## servidas al tablero web como /strings.json y dibujadas por el tablero de terminal) y lo que
## dicen `class serve`, `class board`, `class announce` y `class check`

board-title = Tablero de la clase
board-learners = alumnos
board-learners-one = alumno
board-learner = Alumno
board-stuck = con problemas
board-finished = terminados
board-finished-one = terminado
board-offline = sin conexión
board-on-step = en el paso
board-waiting-on = esperando a
board-past = superado
board-expected = esperado
board-observed = observado
board-hint = pista
board-diagnosis = diagnóstico
board-events = eventos recientes
board-steps = pasos
board-announce = Anunciar
board-announce-placeholder = Un aviso o una pista para todos los alumnos (lo verán en su próximo paso)
board-announcements = Avisos
board-no-learners = Todavía no se ha unido ningún alumno.
board-join-line = Los alumnos se unen con
board-live = en directo
board-reconnecting = reconectando…
board-pending = pendiente
board-running = en curso
board-passed = correcto
board-failed = falló
board-skipped = omitido
board-interrupted = interrumpido
board-reset = restablecido
board-pull = comprobado por el instructor
board-close = Cerrar
board-seconds = s
board-minutes = min
board-optional-failed = falló un paso opcional
board-already-done = ya estaba hecho
board-wrong-key = falta la clave del instructor o no es la correcta; usa la URL del tablero que mostró `workshop class serve` (termina en ?key=…)
board-reconnecting-because = { $reconnecting } ({ $error })

class-default-title = Clase
class-serve-new = nueva, guardada en { $data }
class-serve-reopened = reabierta desde { $data } ({ $count ->
    [one] 1 alumno
   *[other] { $count } alumnos
})
class-serve-open = La clase "{ $title }" está abierta ({ $opened }).
class-serve-board-label = Tablero del instructor:
class-serve-join-label = Los alumnos se unen con:
class-serve-scenario = ESCENARIO
class-serve-your-name = TU-NOMBRE
class-serve-every-address = (escucha en todas las direcciones: da a los alumnos el nombre o la dirección de esta máquina en lugar de la de arriba, o indica --public-url)
class-serve-stop = Pulsa Ctrl-C para detenerlo; la clase queda en su base de datos, y `workshop class serve` con el mismo --data la reabre.
class-serve-stopped = servidor de la clase detenido; todo queda guardado en { $data }
class-serve-cannot-listen = no se puede escuchar en { $addr }: { $error }
class-serve-cannot-listen-hint = otro programa escucha en el puerto { $port }; elige otro con --listen 127.0.0.1:PUERTO
class-serve-data-hint = --data indica el archivo SQLite de la clase; da un archivo nuevo para una clase nueva
class-store-cannot-open = no se puede abrir la base de datos de la clase `{ $path }`: { $error }
class-store-version = la base de datos de la clase `{ $path }` tiene la versión de formato { $found }; este workshop conoce la versión { $known }
class-store-failed = falló la base de datos de la clase: { $error }
class-tls-cannot-read-cert = no se puede leer el certificado `{ $path }`: { $error }
class-tls-cannot-read-cert-hint = --tls-cert espera un archivo PEM (-----BEGIN CERTIFICATE-----), con el certificado del servidor primero
class-tls-no-cert = `{ $path }` no contiene ningún certificado
class-tls-no-cert-hint = --tls-cert espera un archivo PEM con al menos un bloque -----BEGIN CERTIFICATE-----
class-tls-cannot-read-key = no se puede leer la clave privada `{ $path }`: { $error }
class-tls-cannot-read-key-hint = --tls-key espera una clave privada PEM (PKCS#8, PKCS#1 o SEC1)
class-tls-mismatch = el certificado y la clave no forman una configuración TLS: { $error }
class-tls-mismatch-hint = comprueba que --tls-key sea la clave privada del certificado de --tls-cert
class-no-instructor-key = no hay clave de instructor en `{ $url }`
class-no-instructor-key-hint = usa la URL del tablero que mostró `workshop class serve` (…/?key=CLAVE), o indica --key CLAVE
class-lang-unknown = --lang { $asked }: workshop no habla `{ $asked }`
class-lang-unknown-expected = uno de los idiomas de workshop: { $offered }
class-announced = anunciado; cada alumno lo verá en su próximo paso
class-refused-bad-announcement = un aviso tiene de 1 a { $max } caracteres
class-check-not-checked = ! { $name }: sin comprobar: { $error }
class-check-filled = el tablero de la clase en { $url } muestra estos resultados
class-check-cannot-fill = no se pudo llenar el tablero de la clase: { $error }
class-check-stopped = la comprobación se detuvo: { $error }
class-check-cannot-read-folder = no se puede leer la carpeta `{ $path }`: { $error }
class-check-cannot-read-folder-hint = --kubeconfigs espera una carpeta con un archivo kubeconfig por alumno
class-check-empty-folder = la carpeta `{ $path }` no tiene ningún archivo kubeconfig
class-check-empty-folder-hint = pon en ella un archivo kubeconfig por alumno (ana.yaml, bo.yaml, …)
class-check-no-checks = no comprueba el estado del clúster
class-check-needs-container = llega a un contenedor, algo que el modo de comprobación no hace
class-check-needs-capture = necesita un valor capturado durante la ejecución del alumno
class-check-undone = su comprobación ya no se cumple: un paso posterior la cambió
class-check-unchecked = sin comprobar

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

### What `workshop validate` and every command that reads a scenario say about its meaning
### (src/scenario/analyze/): checks, steps, variables and templates that do not fit together.

## [cluster], [lab] y [vars]

sc-kube-version-expected = una versión de Kubernetes como "1.21.2"
sc-kube-version-hint = minikube acepta la misma forma en --kubernetes-version
sc-lab-id = el id de laboratorio `{ $id }` no es un nombre simple
sc-lab-id-expected = letras minúsculas, dígitos, `-` y `_` (da nombre al estado para reanudar y a los informes)
sc-lab-id-hint = por ejemplo `id = "day55"`
sc-templates-folder-expected = una carpeta dentro de la del escenario, relativa al archivo del escenario, con las plantillas .j2
sc-templates-folder-hint = un laboratorio solo lee archivos de su propia carpeta: deja las plantillas junto al escenario (`templates = "templates"`)
sc-var-name = el nombre de variable `{ $name }` no se puede usar en las plantillas
sc-var-name-expected = letras, dígitos y `_`, empezando por una letra (p. ej. `pacman_replicas`)
sc-var-name-hint = las plantillas se refieren a las variables como {"{{"} nombre {"}}"}, así que `-` y `.` no están permitidos
sc-var-reserved = `{ $name }` está reservado para los datos del clúster
sc-var-reserved-hint = cambia el nombre de la variable

## Pasos

sc-no-steps = el escenario no tiene pasos
sc-no-steps-expected = al menos una tabla [[steps]]
sc-no-steps-hint =
    añade un paso:
    {"["}[steps]]
    id = "primero"
    title = "Primer paso"
    note = {"{}"}
sc-step-id-expected = letras minúsculas, dígitos y `-`, empezando por una letra
sc-duplicate-step = id de paso repetido `{ $id }`
sc-duplicate-step-expected = un id distinto para cada paso
sc-duplicate-step-hint = `{ $id }` ya se usa en la línea { $line }; cambia el nombre de uno de los dos
sc-needs-later = el paso `{ $id }` necesita `{ $name }`, que va después
sc-needs-expected = el id de un paso anterior
sc-needs-later-hint = los pasos se ejecutan en el orden del archivo; mueve este paso detrás del que necesita
sc-needs-unknown = el paso `{ $id }` necesita `{ $name }`, que no es ningún paso de [[{ $table }]]
sc-keep-running = el paso `{ $id }` tiene keep-running pero no arranca ningún proceso en segundo plano
sc-keep-running-hint = keep-running va en un paso de port-forward, tunnel o comando en segundo plano
sc-no-action = el paso `{ $id }` no tiene acción
sc-no-action-hint = cada paso hace exactamente una cosa; p. ej. `note = {"{}"}` para un paso que solo explica
sc-two-actions = el paso `{ $id }` tiene dos acciones: `{ $first }` y `{ $second }`
sc-two-actions-expected = exactamente una acción por paso
sc-two-actions-hint = divídelo en dos [[steps]], uno por acción

## Acciones

sc-patch-json-expected = un documento JSON, tal como lo recibe `kubectl patch -p`
sc-patch-json-hint = o escribe el parche como una tabla TOML: patch = {"{"} metadata = {"{"} labels = {"{"} a = "b" {"}"} {"}"} {"}"}
sc-patch-shape = el cuerpo de este parche { $patch_type } no tiene la forma correcta
sc-patch-json-shape-expected = una lista de operaciones
sc-patch-json-shape-hint = un parche json tiene esta forma: [{"{"} op = "replace", path = "/spec/replicas", value = 3 {"}"}]
sc-patch-merge-shape-expected = una tabla (un objeto JSON)
sc-patch-merge-shape-hint = un parche merge es la parte del objeto que cambia: {"{"} metadata = {"{"} annotations = {"{"} … {"}"} {"}"} {"}"}
sc-kind-not-scalable = `{ $kind }` no se puede escalar
sc-kind-no-rollout = `{ $kind }` no tiene despliegue (rollout)
sc-three-kinds = { $a }, { $b } o { $c }
sc-write-kind-as = escribe el tipo como `{ $kind }`
sc-get-empty = `resources` está vacío
sc-get-empty-expected = nombres de recursos tal como los acepta kubectl: `pods`, `pv`, `all`, `deploy,svc`
sc-exec-empty = `command` está vacío
sc-exec-empty-expected = el programa y sus argumentos
sc-argv-empty = `argv` está vacío
sc-argv-empty-expected = el programa y sus argumentos, p. ej. argv = ["minikube", "status"]
sc-argv-one-string = `argv` lleva una línea de comandos entera en una sola cadena
sc-argv-one-string-expected = un elemento de la lista por argumento: ["minikube", "-p", "mc-demo", "status"]
sc-argv-one-string-hint = los comandos nunca pasan por una shell, así que la cadena entera se tomaría como el nombre del programa
sc-background-expect = `expect` en un comando en segundo plano nunca se comprueba
sc-background-expect-expected = un comando en segundo plano sin `expect`: sigue ejecutándose, así que aún no tiene código de salida ni su salida completa
sc-background-expect-hint = comprueba lo que sirve con una comprobación `http` en un paso posterior, o quita `background = true` para esperar a que termine
sc-http-url = `{ $url }` no es una URL http://
sc-http-url-expected = una URL como "http://127.0.0.1:9090/highscores"
sc-http-url-hint = los pasos http llegan a los servicios del laboratorio a través de un port-forward o un tunnel; https no está soportado
sc-http-bodies = la petición tiene más de un cuerpo
sc-http-bodies-expected = como mucho uno de `form`, `json` y `body`

## Las plantillas que nombra un paso apply o create

sc-template-name-expected = un nombre de archivo dentro de la carpeta de plantillas
sc-template-folder-empty = la carpeta `{ $dir }` no tiene plantillas
sc-template-folder-holds = plantillas que hay: { $names }
sc-template-not-found = no se encuentra la plantilla `{ $name }` en `{ $dir }`
sc-template-not-found-expected = un archivo de plantilla en la carpeta de plantillas del escenario
sc-template-uses-unknown = la plantilla `{ $template }` usa `{ $name }`, que no es una variable
sc-template-uses-unknown-expected = un nombre de [vars] o `cluster`
sc-template-uses-capture-hint = las capturas no llegan a las plantillas de manifiestos; pasa el valor mediante una variable
sc-template-uses-unknown-at-hint = `{ $name }` se usa en { $place }; añádela a [vars] o corrige ahí cómo está escrita
sc-template-uses-unknown-hint = añade `{ $name }` a [vars] o corrige cómo está escrita en la plantilla

## Comprobaciones

sc-check-nothing = esta comprobación no dice qué comprobar
sc-check-two-kinds = esta comprobación tiene dos tipos: `{ $first }` y `{ $second }`
sc-check-kinds-expected = exactamente uno de { $keys }
sc-check-kinds-hint = escribe una tabla [[steps.checks]] por comprobación
sc-no-object = esta comprobación no nombra ningún objeto
sc-no-object-expected = `name = "…"`, o `selector = "app=web"` que coincida con exactamente un objeto
sc-name-and-selector = `name` y `selector` eligen los dos el objeto
sc-name-and-selector-expected = uno de `name` y `selector`
sc-name-and-selector-hint = un nombre elige un objeto; un selector debe coincidir con exactamente uno
sc-count-ready = `ready = true` solo cuenta Pods
sc-compare-nothing = no hay nada con qué comparar el campo
sc-compare-two = `{ $first }` y `{ $second }` no se pueden combinar
sc-compare-expected = exactamente uno de `equals`, `any`, `contains` y `count`
sc-compare-hint = escribe una comprobación por comparación
sc-compare-needs-several = `{ $comparison }` necesita una ruta que seleccione varios valores; `{ $path }` selecciona uno
sc-compare-needs-several-expected = una ruta con `[*]` (todos los elementos) o `[key=value]` (los elementos que coinciden)
sc-compare-any-hint = usa `equals` para comparar el único valor de `{ $path }`
sc-compare-count-hint = para contar los elementos de la lista de `{ $path }`, escribe `{ $path }[*]`
sc-path-expected = una ruta como `status.readyReplicas`, `spec.containers[0].image` o `metadata.annotations["a/b"]`
sc-not-whole-number = `{ $text }` no es un número entero
sc-whole-number-expected = un número entero como 10, o una plantilla como "{"{{"} replicas {"}}"}"

## Capturas

sc-capture-name = el nombre de captura `{ $name }` no se puede usar en las plantillas
sc-capture-name-expected = letras, dígitos y `_`, empezando por una letra
sc-capture-is-var = la captura `{ $name }` tiene el nombre de una variable
sc-capture-is-var-hint = dale a la captura un nombre propio
sc-capture-taken = `{ $name }` ya lo captura el paso `{ $step }`
sc-capture-taken-hint = dale a cada captura un nombre propio
sc-capture-twice = la captura `{ $name }` aparece dos veces en este paso
sc-capture-sources = la captura `{ $name }` necesita exactamente un origen
sc-capture-sources-expected = `generate = "prefijo"`, `object = {"{"} kind, name {"}"}` con `path`, o `response = "ruta"`
sc-capture-prefix = el prefijo de generate `{ $prefix }` solo puede tener letras, dígitos y `-`
sc-capture-generate-after = un marcador generado existe antes de la acción; `when = "after"` no tiene sentido aquí
sc-capture-generate-after-hint = quita `when`
sc-capture-no-path = la captura `{ $name }` nombra un objeto pero no tiene `path`
sc-capture-no-path-expected = path = "metadata.uid" (el campo que se guarda)
sc-capture-response = las capturas con `response` necesitan una acción http, exec o command en este paso
sc-capture-response-hint = captura de un objeto en su lugar: object = {"{"} kind, name {"}"}, path = "…"
sc-capture-response-before = una respuesta solo existe después de la acción; `when = "before"` no tiene sentido aquí

## Nombres en las expresiones de plantilla

sc-expression = en `{ $text }`: { $why }
sc-expression-expected = una expresión de minijinja como {"{{"} namespace {"}}"}
sc-captured-after = este paso captura `{ $name }` solo después de su acción y sus comprobaciones
sc-captured-after-hint = pon `when = "before"` en la captura, o usa el valor en un paso posterior
sc-captured-later = `{ $name }` se captura más tarde, en el paso `{ $step }`
sc-captured-later-hint = mueve este paso detrás de `{ $step }`, o captura el valor en un paso anterior
sc-captured-expected = un nombre de [vars], `cluster` o una captura de un paso anterior
sc-undefined = `{ $name }` no está definido
sc-undefined-expected = un nombre de [vars], `cluster` o una captura anterior
sc-undefined-expected-names = un nombre de [vars], `cluster` o una captura anterior: { $names }
sc-undefined-hint = defínelo en [vars] (`{ $name } = "…"`) o captúralo en un paso anterior

## Dónde busca su objeto una comprobación, una captura o una acción (src/scenario/scope.rs)

scope-missing = `{ $kind }` pertenece a un namespace, y { $what } no dice en qué namespace buscar
scope-both = { $what } da a la vez `namespace` y `all-namespaces = true`
scope-namespace-on-cluster-kind = `{ $kind }` es de ámbito de clúster: sus objetos no están en ningún namespace
scope-all-namespaces-on-cluster-kind = `{ $kind }` es de ámbito de clúster: `all-namespaces` no tiene sentido aquí
scope-expected = o bien `namespace = "…"`, o bien `all-namespaces = true`
scope-cluster-kind-expected = ni `namespace` ni `all-namespaces` para un tipo de ámbito de clúster
scope-missing-hint = añade `namespace = "…"` para buscar en un namespace, o `all-namespaces = true` para buscar en todos (no se supone nada, ni siquiera `default`)
scope-both-hint = deja `namespace` para buscar en un namespace, o `all-namespaces = true` para buscar en todos
scope-namespace-on-cluster-kind-hint = quita `namespace`
scope-all-namespaces-on-cluster-kind-hint = quita `all-namespaces`
what-this-action = la acción de este paso

## Las palabras de serde cuando un valor no encaja (src/scenario/load/serde_errors.rs); los valores quedan tal como se escribieron

serde-duplicate-field = campo repetido `{ $field }`
serde-unknown-variant = valor desconocido `{ $value }`
serde-invalid-type = tipo no válido: { $found }
serde-invalid-value = valor no válido: { $found }
serde-invalid-length = longitud no válida: { $length }
serde-found-string = la cadena { $value }
serde-found-integer = el entero { $value }
serde-found-float = el número decimal { $value }
serde-found-boolean = el booleano { $value }
serde-found-character = el carácter { $value }
serde-found-sequence = una lista
serde-found-map = una tabla
serde-found-unit = un valor vacío
serde-found-enum = una variante
serde-either = { $first } o { $second }
serde-expected-sequence = una lista
serde-expected-string = una cadena
serde-expected-boolean = un booleano (true o false)
serde-expected-map = una tabla
serde-expected-character = un carácter
serde-expected-float = un número ({ $rust_type })
serde-expected-integer = un número entero ({ $rust_type })
serde-expected-struct = una tabla ({ $name })
serde-expected-enum = uno de los valores de { $name }
toml-type-string = una cadena
toml-type-integer = un entero
toml-type-float = un número decimal
toml-type-boolean = un booleano
toml-type-datetime = una fecha y hora
toml-type-array = una lista
toml-type-table = una tabla

## Valores del escenario: duraciones, números, textos, variables (src/scenario/*.rs)

duration-is-not-one = no es una duración
duration-invalid = `{ $text }` { duration-is-not-one } ({ $why })
duration-zero = `{ $text }` es cero; un límite de tiempo tiene que ser mayor, como "30s"
duration-expecting = una duración como "30s" o "5m"
duration-invalid-character = carácter no válido en la posición { $at }
duration-number-expected = se esperaba un número en la posición { $at }
duration-unit-needed = falta la unidad de tiempo, por ejemplo { $value }sec o { $value }ms
duration-unknown-unit = unidad de tiempo desconocida { $unit }; unidades admitidas: ns, us/µs, ms, sec, min, hours, days, weeks, months, years (y algunas variantes)
duration-overflow = el número es demasiado grande o no se puede representar sin perder precisión (no se admiten valores por debajo de 1ns)
duration-empty = el valor está vacío
value-int-expr-type = se esperaba un número entero o una plantilla como "{"{{"} replicas {"}}"}", y se encontró { $found }
value-embedded-json = la cadena lleva un JSON que no se puede leer: { $why } (línea { $line }, columna { $column } de la cadena)
text-not-string = `{ $lang }` contiene { $found }, no una cadena
text-no-language = este texto no tiene ningún idioma; escribe al menos `en = "…"`
text-type = se esperaba una cadena o una tabla de cadenas por idioma (en = "…", es = "…"), y se encontró { $found }
text-expecting = una cadena o una tabla de cadenas por idioma (en = "…", es = "…")
text-lang-code = `{ $code }` no es un código de idioma; escribe un código como "en", "es" o "pt-BR"
provider-unknown = `{ $provider }` no es un proveedor; usa minikube, existing o rehearsal
pause-type = pause es true, false o el mensaje que se muestra; se encontró { $found }
step-id-empty = el id de un paso no puede estar vacío
step-id-first = el id de paso `{ $id }` tiene que empezar por una letra minúscula
step-id-character = el id de paso `{ $id }` contiene `{ $character }`; usa letras minúsculas, dígitos y `-` (p. ej. `make-csi-default`)
path-empty-key = `{ $path }` tiene una clave vacía antes de la posición { $position }
path-unclosed = `{ $path }` abre `[` sin cerrar `]`
path-bad-filter = `[{ $inner }]` en `{ $path }` tiene que elegir elementos como [clave=valor], por ejemplo [name=nginx]
path-bad-bracket = `[{ $inner }]` en `{ $path }` tiene que ser un índice como [0], [*], una clave entre comillas como ["app.kubernetes.io/name"] o [clave=valor]
path-empty = la ruta está vacía; escribe una como `status.readyReplicas`
kube-version-part = `{ $version }` no es una versión de Kubernetes: la parte { $part ->
    [major] mayor
    [minor] menor
   *[other] de parche
} `{ $text }` no es un número
kube-version-invalid = `{ $version }` no es una versión de Kubernetes
kube-version-no-minor = `{ $version }` no es una versión de Kubernetes; escribe mayor.menor.parche, como "1.21.2"
kube-version-major = `{ $version }`: solo existe Kubernetes 1.x; escribe una versión como "1.31.0"

## [vars]: tipos, valores por defecto y valores de --var (src/scenario/value.rs, model.rs)

var-default-type = una variable guarda una cadena, un número entero o un booleano; se encontró { $found }
var-default-misfit = el valor por defecto no encaja con `type = "{ $var_type }"`: { $why }
var-type-unknown = `{ $name }` no es un tipo de variable; usa uno de { $types }
var-not-whole-number = `{ $value }` no es un número entero
var-not-bool = `{ $value }` no es true ni false
var-not-port = { $value } no es un puerto (de 1 a 65535)
var-nul = `{ $value }` contiene un carácter NUL
var-not-dns-label = `{ $value }` no es un dns-label: { $why }
var-not-dns-name = `{ $value }` no es un dns-name: { $why }
var-not-image = `{ $value }` no es una referencia de imagen: { $why }
var-not-duration = `{ $value }` no es una duración: { $why }
var-wrong-type = una variable { $var_type } no puede guardar { $kind ->
    [string] la cadena
    [integer] el número entero
   *[boolean] el booleano
} { $value }
dns-empty = está vacío
dns-label-too-long = tiene más de 63 caracteres
dns-label-characters = solo se permiten letras minúsculas, dígitos y `-`
dns-label-ends = tiene que empezar y terminar con una letra o un dígito
dns-name-too-long = tiene más de 253 caracteres
var-type-string-expected = cualquier texto sin caracteres NUL
var-type-int-expected = un número entero, como 10
var-type-bool-expected = true o false
var-type-port-expected = un número de puerto de 1 a 65535
var-type-dns-label-expected = una etiqueta DNS: como mucho 63 letras minúsculas, dígitos y `-`, que empiece y termine con una letra o un dígito (p. ej. `pacman`)
var-type-dns-name-expected = un nombre DNS: etiquetas DNS unidas por puntos, como mucho 253 caracteres (p. ej. `pacman.com`)
var-type-image-expected = una referencia de imagen de contenedor, como `docker.io/library/mongo:4.4`
var-type-duration-expected = una duración como `30s`, `2m` o `1m 30s`

## Plantillas (src/template.rs)

tpl-undefined = valor no definido
tpl-undefined-detail = valor no definido: { $detail }
tpl-undefined-hint = cada nombre que usa una plantilla tiene que ser una entrada de [vars], `cluster` o una captura anterior; `{"{%"} if x is defined {"%}"}` comprueba si existe
tpl-syntax = error de sintaxis en la plantilla: { $detail }
tpl-syntax-hint = consulta la sintaxis en https://docs.rs/minijinja: {"{{"} valor {"}}"}, {"{%"} if … {"%}"}…{"{%"} endif {"%}"}
tpl-not-found = no se encuentra la plantilla
tpl-not-found-hint = las plantillas solo se cargan desde la carpeta de plantillas del escenario
tpl-file-not-found-hint = revisa el nombre del archivo; las plantillas solo se cargan desde la carpeta de plantillas del escenario
tpl-unreadable = la plantilla { $problem }; { $hint }
tpl-in-template = en la plantilla `{ $file }`: { $why }
tpl-folder-missing = la carpeta de plantillas `{ $folder }` no existe
tpl-folder-not-folder = la carpeta de plantillas `{ $folder }` no es una carpeta
tpl-folder-outside = la carpeta de plantillas `{ $folder }` está fuera de la carpeta del escenario `{ $root }`
tpl-outside = la plantilla `{ $name }` está fuera de la carpeta de plantillas; las plantillas solo pueden cargar archivos de `{ $folder }`
tpl-links-outside = la plantilla `{ $name }` enlaza fuera de la carpeta de plantillas `{ $folder }`

## Leer un archivo de escenario o de plantilla (src/source.rs)

read-io = no se puede leer `{ $path }`: { $error }
read-io-what = no se puede leer { $what } `{ $path }`: { $error }
read-what = { $what } { $problem }
read-the-scenario = el escenario
read-the-template = la plantilla
read-not-regular = `{ $path }` es { $what }, no un archivo normal
read-a-folder = una carpeta
read-a-fifo = una tubería con nombre (FIFO)
read-a-char-device = un dispositivo de caracteres (como /dev/zero)
read-a-block-device = un dispositivo de bloques
read-a-socket = un socket
read-not-a-file = algo que no es un archivo
read-too-large = `{ $path }` ocupa más de 4 MiB ({ $size } bytes)
read-utf16 = `{ $path }` es texto UTF-16, no UTF-8
read-invalid-utf8 = `{ $path }` no es UTF-8 válido: byte { $byte } en la línea { $line }, columna { $column }
read-io-hint = revisa la ruta y que tengas permiso para leer el archivo
read-not-regular-hint = indica un archivo de texto normal
read-too-large-hint = los escenarios y las plantillas ocupan como mucho 4 MiB; reparte los manifiestos en varias plantillas
read-utf8-hint = guarda el archivo como UTF-8 (en la mayoría de editores: Guardar como, Codificación: UTF-8)
read-utf8-expected = texto UTF-8

## workshop new (src/scaffold.rs)

new-exists = `{ $path }` ya existe; no se ha escrito nada
new-exists-hint = elige otro nombre, o aparta antes el archivo que ya existe
new-bad-name = `{ $name }` no nombra un laboratorio; usa letras, dígitos y `-`, como `day60`
new-cannot-write = no se puede escribir `{ $path }`: { $error }
new-wrote = escritos { $scenario } y { $template }
new-next = siguiente:

## Las palabras de serde_json para un documento JSON que no se puede leer (un parche escrito como cadena)

json-eof-list = la lista termina antes de cerrarse
json-eof-object = el objeto termina antes de cerrarse
json-eof-string = la cadena termina antes de cerrarse
json-eof-value = el documento termina antes de un valor
json-expected-colon = se esperaba `:`
json-expected-list-comma = se esperaba `,` o `]`
json-expected-object-comma = se esperaba `,` o `{"}"}`
json-expected-value = se esperaba un valor
json-expected-quote = se esperaba `"`
json-invalid-escape = secuencia de escape no válida
json-invalid-number = número no válido
json-key-string = una clave tiene que ser una cadena
json-trailing-comma = sobra una coma al final
json-trailing-characters = sobran caracteres al final

## Las palabras de minijinja para una plantilla que no se puede leer (src/template.rs)

tpl-unexpected-expected = no se esperaba { $found }, sino { $expected }
tpl-unexpected = no se esperaba { $found }
tpl-token-variable-start = el inicio de un bloque de variable
tpl-token-variable-end = el final del bloque de variable
tpl-token-block-start = el inicio de un bloque
tpl-token-block-end = el final del bloque
tpl-token-end-of-input = el final de la entrada
tpl-token-identifier = un identificador
tpl-token-identifier-or-integer = un identificador o un entero
tpl-token-expression = una expresión
tpl-token-string = una cadena
tpl-token-integer = un entero
tpl-token-float = un número decimal
tpl-token-text = texto de la plantilla

## Por qué una cadena no es una referencia de imagen de contenedor (las razones de oci-spec)

image-digest-format = el formato del digest no es válido
image-digest-length = la longitud del digest no es válida
image-digest-algorithm = algoritmo de digest no soportado
image-name-uppercase = el nombre del repositorio tiene que ir en minúsculas
image-name-empty = el nombre del repositorio tiene que tener al menos un componente
image-name-too-long = el nombre del repositorio no puede tener más de 255 caracteres
image-reference-format = el formato de la referencia no es válido
image-tag-format = el formato de la etiqueta no es válido

### Lo que dice el motor alrededor de los pasos: la elección de pasos (--only/--from/--until/--resume),
### el bloqueo del laboratorio y lo que dejó una ejecución matada, los problemas del plan (src/plan/),
### los errores de una acción que falla (src/actions/), los fallos de la API del clúster, los informes
### y las comprobaciones de las opciones.

## Elegir pasos: --only, --skip, --from, --until (src/engine/selection.rs)

selection-running = { $count ->
    [one] se ejecuta
   *[other] se ejecutan
} { $count } de { $total } pasos: { $ids }
selection-reversed = --from { $from } va después de --until { $until } en el laboratorio
selection-reversed-expected = que --from nombre un paso anterior (o igual) al de --until
selection-reversed-hint = inviértelos: --from { $from } --until { $until }
selection-needs-not-run = { $count ->
    [one] el paso { $steps } necesita
   *[other] los pasos { $steps } necesitan
} { $needs }, que aún no { $needed ->
    [one] se ha ejecutado
   *[other] se han ejecutado
} contra este clúster
selection-needs-expected-rehearsal = que los pasos de los que dependen se completen antes; el ensayo incluido empieza vacío en cada ejecución y no guarda nada
selection-needs-expected = que los pasos de los que dependen se completen antes (guardado en .workshop/state/)
selection-needs-hint-rehearsal = ejecuta el laboratorio hasta él, en una sola ejecución: { $command }; o añade --force para ejecutarlo solo de todos modos
selection-needs-hint = ejecútalos antes: { $command }; o añade --force para ejecutarlo de todos modos
selection-unknown-step = { $flag } { $id }: el laboratorio `{ $lab }` no tiene ningún paso `{ $id }`
selection-step-id-expected = el id de uno de los [[steps]] del laboratorio
selection-step-id-expected-plan = el id de uno de los [[steps]] del laboratorio (`workshop plan` los lista)
selection-cleanup-step-hint = `{ $id }` es un paso de limpieza; los pasos de limpieza se ejecutan con `workshop reset`
selection-steps-are = los pasos son: { $ids }

## Reanudar (src/engine/guided.rs, src/engine/state/)

state-json-expected = el JSON que escribe `workshop run`
state-cluster = clúster { $provider }, contexto { $context }, uid de kube-system { $uid }
state-not-a-state-file = { $path } no es un archivo de estado de workshop ({ $error }); bórralo para empezar de nuevo
state-cannot-read = no se puede leer { $path }: { $error }
state-cannot-write = aviso: no se puede escribir el estado para reanudar { $path }: { $error }; --resume no sabrá nada de esta ejecución
resume-nothing-recorded = --resume: nada que reanudar, el laboratorio `{ $lab }` no tiene progreso guardado en { $path }
resume-nothing-recorded-expected = una ejecución anterior de este laboratorio desde esta carpeta
resume-nothing-recorded-hint = ejecútalo sin --resume: { $command }
resume-no-cluster = ningún clúster
resume-cluster-not-running = un clúster { $provider } que no está en marcha
resume-other-cluster = --resume: el progreso guardado en { $path } es de otro clúster
resume-other-cluster-expected = el clúster guardado ({ $recorded }); esta ejecución llega a { $here }
resume-other-cluster-hint-rehearsal = el clúster de ensayo incluido es nuevo en cada ejecución, así que no se puede reanudar; empieza de nuevo con `workshop run { $path } --cluster rehearsal`, o ensaya contra un `workshop rehearsal serve { $path } --kubeconfig RUTA` (y luego `--cluster rehearsal --kubeconfig RUTA`), que conserva su identidad entre ejecuciones
resume-other-cluster-hint-minikube = arranca antes el clúster guardado (`minikube start -p { $profile }`) y vuelve a reanudar, o empieza de nuevo sin --resume
resume-other-cluster-hint = apunta esta ejecución al clúster guardado (--cluster, --context, --kubeconfig), o empieza de nuevo: `workshop reset { $path }`, y luego ejecuta sin --resume

## Una sola ejecución de un laboratorio a la vez, y lo que dejó una ejecución matada (src/engine/lock.rs, src/engine/leftovers.rs)

lock-holder = PID { $pid }, `{ $command }`, desde { $since }
lock-holder-starting = una ejecución que está arrancando
lock-busy-hint = dos ejecuciones de un mismo laboratorio se pelearían por su clúster y su progreso: espera a que termine la otra, o detenla (Ctrl-C en su terminal, o `kill` con su PID); el bloqueo es { $path }
lock-taken-over = tomé el bloqueo del laboratorio `{ $lab }` ({ $path }): quien lo tenía ({ $holder }) ya no está en marcha
leftovers-process = `{ $command }` (grupo de procesos { $group }{ $killed ->
    [yes] , matado tras el tiempo de gracia
   *[no] {""}
})
leftovers-stopped = una ejecución anterior (PID { $pid }, `{ $command }`, desde { $since }) terminó sin detener sus procesos; detuve lo que seguía en marcha: { $stopped }

## Antes del primer paso (src/engine/mod.rs, src/engine/interrupt.rs)

signal-hup = SIGHUP (se cerró la terminal)
interrupted-before-first-step = interrumpido por { $signal } antes del primer paso; no se ejecutó nada
resume-nothing-left = todos los pasos del laboratorio `{ $lab }` ya se completaron contra este clúster; nada que reanudar (`workshop reset { $path }` empieza de nuevo)
manifest-rendered-document = renderizado, documento { $doc }
preflight-api-not-served = { $object } usa { $api }, que Kubernetes { $version } no sirve
preflight-api-expected = solo APIs que el clúster sirve ({ $source ->
    [live] según su descubrimiento
   *[assumed] supuestas a partir de kubernetes-version
})
preflight-api-hint = emítelo solo donde se sirve: {"{"}% if "{ $api }" in cluster.api_versions %{"}"} … {"{"}% endif %{"}"}{ $psp ->
    [yes] {" "}(PodSecurityPolicy se eliminó en Kubernetes 1.25)
   *[no] {""}
}; no se creó nada
preflight-port-hint = detén lo que escucha ahí (`ss -ltnp | grep { $port }`), o elige otro puerto: { $choice }
preflight-port-change = cambia local-port del paso `{ $step }`

## Lo que dice una acción que falla (src/actions/, src/engine/process.rs)

process-cannot-start = no se pudo arrancar `{ $program }`: { $error }
process-exited = `{ $command }` terminó con código { $code }
process-timed-out = `{ $command }` no terminó en { $timeout } y se detuvo
action-argv-empty = `argv` está vacío
action-install-program = instala { $program }, o revisa cómo está escrito
action-exit-code-unexpected = `{ $command }` terminó con código { $code } (se esperaba { $want })
action-output-lacks = la salida de `{ $command }` no contiene { $want }
action-exec-output-lacks = la salida no contiene { $want }
action-doing-exec = exec en pod/{ $pod }
action-doing-read = al leer { $object }
action-doing-read-existing = al leer { $object }, que existe
action-doing-create = al crear { $object }
action-doing-apply = al aplicar { $object }
action-doing-delete = al borrar { $object }
action-doing-patch = al modificar { $object }
action-doing-scale = al escalar { $object }
action-doing-list = al listar { $resources }
api-hint-not-found = el objeto no existe (todavía): revisa su nombre y su namespace, y los pasos anteriores
api-hint-already-exists = ya existe, quizá de una ejecución anterior: `workshop reset` limpia, o pon `allow-existing = true`
api-hint-conflict = alguien lo cambió a la vez; vuelve a ejecutar el paso
api-hint-invalid = el servidor de la API rechazó el objeto por no ser válido; lee su mensaje más arriba
api-hint-forbidden = puede que el usuario del contexto kube no tenga permiso para esto (RBAC)
forward-no-port = service/{ $service } no tiene el puerto { $port }
forward-no-selector = service/{ $service } no tiene selector, así que no hay ningún pod al que reenviar
forward-listing-pods = al listar los pods del servicio
forward-no-ready-pod = ningún pod Ready detrás de service/{ $service }
forward-no-ready-pod-hint = espera antes a que termine el despliegue (una comprobación rollout en el paso anterior)
forward-no-named-port = el pod { $pod } no tiene ningún puerto llamado { $name }
forward-cannot-listen = no se puede escuchar en { $address }: { $error }
forward-cannot-listen-hint = otro programa usa el puerto: detenlo, o pasa --var local_port=…
manifests-cannot-resolve = { $object } (documento { $doc } de { $template }): { $why }
manifests-cannot-resolve-hint = `workshop validate` con --kubernetes-version muestra si una plantilla encaja con esta versión
manifests-not-an-object = { $object } no es un objeto válido: { $error }
manifests-answer-lost-created = la respuesta se perdió; lo encontré creado
manifests-exists-allowed = { $object } ya existe (permitido)
manifests-adopted = { $object } lo creó este laboratorio antes de la interrupción (uid { $uid }): adoptado
manifests-existed-before = al crear { $object }: ya existe, y no lo creó esta ejecución del laboratorio `{ $lab }`
manifests-existed-before-hint = queda de una ejecución anterior del laboratorio, o se hizo a mano: `workshop reset` con el archivo de escenario de este laboratorio borra lo que crea el laboratorio `{ $lab }`; luego vuelve a ejecutarlo
delete-gone-already = { $object } ya no está: se borró antes de la interrupción
delete-before-interruption = { $object } borrado antes de la interrupción
delete-being-deleted = { $object } ya se está borrando (uid { $uid })
delete-answer-lost-gone = la respuesta se perdió, lo encontré borrado
delete-seen-gone = ya no está
delete-still-there = { $object } (uid { $uid }) seguía ahí pasados { $timeout }
delete-api-failed-hint = el servidor de la API falló mientras tanto: ¿está sano el clúster?
delete-finalizer-hint = puede que un finalizer lo retenga: mira metadata.finalizers
patch-not-operations = el parche JSON no es una lista de operaciones: { $error }
tunnel-needs-minikube = `minikube tunnel` necesita el proveedor minikube
tunnel-needs-minikube-hint = en otro clúster, un controlador de LoadBalancer (como MetalLB) da sus direcciones a los Services
start-cluster-templates-do-not-render = las plantillas no se renderizan para este clúster
http-invalid-url = `{ $url }` no es una URL válida: { $error }
http-not-http = `{ $url }` no es una URL http://
http-cannot-build = no se puede construir la petición a { $url }: { $error }
http-cannot-read-answer = al leer la respuesta de { $url }: { $error }
http-cannot-connect = no se puede conectar: { $error }
http-not-loopback = `{ $host }` no es una dirección de loopback: en el clúster de ensayo las peticiones solo van a 127.0.0.0/8, ::1 o localhost
http-not-loopback-hint = el ensayo no ejecuta contenedores, y nada de lo que alcanza sale de esta máquina; ejecuta el laboratorio en minikube (`--cluster minikube`) para llegar a `{ $host }`

## Hablar con la API del clúster (src/engine/cluster/)

api-error-on-request = { $error } en { $request }
discovery-kind-in = el kind { $kind } en { $api }
discovery-kind = el kind { $kind }
discovery-not-served = el clúster no sirve { $what }
discovery-failed = el descubrimiento del clúster falló donde estaría { $what } ({ $failures })
retry-api-answers = la API responde { $code }
retry-connection-refused = conexión rechazada
retry-cannot-connect = no se puede conectar ({ $error })
retry-connection-broken = conexión rota ({ $error })
retry-no-answer = sin respuesta en { $seconds } s
health-other-uid = su namespace kube-system tiene otro uid ({ $now }, antes { $was })
health-kube-system-gone = su namespace kube-system ya no existe
health-rv-backwards = sus resourceVersions retrocedieron ({ $now } tras { $high })

## El objeto que nombra un paso, las capturas y lo que dice un paso reanudado (src/engine/context.rs, capture.rs, execute.rs, expectation.rs, src/checks/mod.rs)

cluster-not-started = el clúster aún no está arrancado
cluster-not-started-hint = ejecuta antes el paso start-cluster del escenario, o arranca tú el clúster
scope-problem = { $problem }; se esperaba { $expected }
what-this-check = esta comprobación
what-this-patch = este patch
what-this-scale = este scale
what-this-delete = este delete
what-this-capture = esta captura
what-this-cleanup-step = este paso de limpieza
object-no-name = { $what } no nombra ningún objeto
object-looking-everywhere = al buscar { $kind } { $name } en todos los namespaces
object-nowhere = ningún { $kind } llamado { $name } en ningún namespace
object-several = { $count } objetos { $kind } se llaman { $name }, en { $namespaces }; { $what } cambia solo uno
object-several-hint = sustituye `all-namespaces = true` por `namespace = "…"`
object-in-namespace = { $object } en { $namespace }
seen-no-match = ningún objeto coincide con el selector
seen-no-object = el objeto no existe
seen-several-match = { $count } objetos coinciden ({ $names }); la comprobación necesita exactamente uno: indica { $by ->
    [selector] un selector más estrecho o un nombre
   *[name] un namespace
}
capture-reading = captura { $name }: al leer { $object }
capture-no-field = captura { $name }: { $object } no tiene { $path }
capture-no-answer = captura { $name }: la acción no dio ninguna respuesta de la que capturar
capture-not-json = captura { $name }: la respuesta no es JSON
capture-answer-lacks = captura { $name }: la respuesta no tiene { $path }
expectation-moment = un momento de su paso, cierto cuando se ejecutó
expectation-changed-by = el paso `{ $step }` lo cambió a propósito desde entonces
converge-not-checked-again = no se vuelve a comprobar: { $check } ({ $why })
resume-action-done-before = hecho antes de la interrupción; siguen sus comprobaciones

## Informes (src/engine/report/)

report-not-run-interrupted = la ejecución se interrumpió antes de llegar a él
report-not-run-failure = la ejecución se detuvo en un fallo anterior
report-not-format-path = `{ $spec }` no es FORMATO=RUTA; escribe, por ejemplo, --report junit=report.xml
report-unknown-format = `{ $format }` no es un formato de informe; usa junit o json
report-needs-file = el informe necesita un archivo: --report junit=report.xml
report-no-folder = no se puede escribir el informe { $format } en `{ $path }`: la carpeta `{ $folder }` no existe
report-no-folder-hint = créala antes: mkdir -p { $folder }
report-cannot-encode = no se pudo codificar el informe JSON: { $error }
report-cannot-write = no se pudo escribir el informe { $format } en `{ $path }`: { $error }
junit-interrupted = interrumpido (Ctrl-C, SIGTERM o SIGHUP, o q en una tarjeta de paso); --resume lo vuelve a ejecutar
junit-not-run = no ejecutado
junit-optional-failed = el paso opcional falló, la ejecución siguió: { $why }
junit-expected-observed = se esperaba { $expected }; se observó { $observed }
junit-failed = falló
junit-nothing = nada
junit-check = comprobación: { $check }
field-check-needs-comparison = una comprobación de campo necesita uno de `equals`, `any`, `contains` o `count`

## Construir el plan: variables, plantillas, kinds, números (src/plan/)

var-given-twice = --var { $name } aparece dos veces (`{ $first }`, y luego `{ $then }`)
var-given-twice-hint = da cada variable una sola vez: --var { $name }=VALOR
var-type-hint = `{ $name }` es de tipo `{ $ty }` en [vars] (su valor por defecto es `{ $default }`)
var-names = variables de este escenario: { $names }
var-unknown = --var { $name }: el escenario no tiene ninguna variable `{ $name }`
var-unknown-expected = un nombre de las [vars] del escenario
template-renders-nothing = la plantilla `{ $name }` no genera ningún objeto de Kubernetes
template-renders-nothing-hint = revisa los bloques {"{"}% if %{"}"} alrededor de sus documentos
kind-write-as = escribe el kind como `{ $kind }`
kind-unknown-hint = usa un kind incluido (Pod, Deployment, StorageClass, …) o uno que creen los manifiestos del escenario
kind-unknown = el paso `{ $step }` nombra un kind desconocido `{ $kind }`
kind-unknown-expected = un kind de Kubernetes como Pod, StatefulSet o StorageClass
get-unknown-resource = `get` nombra un recurso desconocido `{ $resource }`
get-unknown-resource-expected = nombres de recursos como los acepta kubectl: pods, pv, pvc, sc, ns, ingress, all, …
number-out-of-range = `{ $field }` vale { $value }, fuera de { $low }..={ $high }
number-expected = un número entero de { $low } a { $high }
step-problem = paso `{ $step }`: { $problem }
not-a-whole-number = `{ $expr }` se renderiza como `{ $text }`, que no es un número entero
not-a-whole-number-hint = revisa el valor de la variable (`--var nombre=10`)
manifest-rendered = renderizado
manifest-invalid-yaml = YAML no válido en la plantilla `{ $template }`: { $error }
manifest-invalid-yaml-expected = un documento YAML que describa un objeto de Kubernetes
manifest-invalid-yaml-hint = revisa la sangría y las comillas cerca de esa línea de la salida renderizada (`workshop plan --manifests` la muestra)
manifest-missing-field = el documento { $doc } de la plantilla `{ $template }` no tiene { $field }
manifest-missing-field-expected = que cada documento tenga apiVersion, kind y metadata.name
manifest-not-a-mapping = el documento { $doc } de la plantilla `{ $template }` no es un mapa
manifest-not-a-mapping-expected = un objeto de Kubernetes: apiVersion, kind, metadata, …
manifest-missing-kind-hint = añádelo al principio del documento, por ejemplo `kind: Deployment`
manifest-missing-name-hint = todo objeto necesita `metadata: {"{"}name: …{"}"}`
manifest-value-of = el valor de `{ $var }`
manifest-value = el valor `{ $value }`
manifest-value-changed = plantilla `{ $template }`: { $what } no llega tal como se escribió: el YAML renderizado lo lee de otra forma
manifest-value-changed-expected = que cada valor que escribe una plantilla siga siendo un único valor YAML entero
manifest-value-changed-hint = los valores se escriben como escalares YAML, entre comillas cuando hace falta; escribe `{"{{"} nombre {"}}"}` donde va un valor entero (no dentro de comillas, un comentario o un bloque escalar), o da a la variable un tipo más estricto como `dns-label`
converge-creates-it = lo crea
converge-expects-count = espera { $now } en lugar de { $was }
converge-expects-field = espera que { $path } sea { $now } en lugar de { $was }
converge-never-holds-again = paso `{ $step }`, comprobación { $index } ({ $check }): no puede volver a cumplirse una vez ejecutado el paso `{ $later }`, que { $why }; donde no se guarda el progreso del laboratorio, `--converge` volvería a ejecutar `{ $step }`. Si la comprobación describe el momento en que se ejecutó su paso, dilo: nature = "moment"

## Las órdenes alrededor de una ejecución: avisos de validate, trust, list (src/app.rs)

version-expected = una versión como 1.31.0
warning-label = aviso:
trust-no-data-folder-error = no hay carpeta de datos del usuario en la que recordar los laboratorios de confianza
trust-no-data-folder-hint = define XDG_DATA_HOME o HOME; o pasa --trust en cada ejecución
trust-revoked = el laboratorio `{ $lab }` ({ $path }) ya no es de confianza; `workshop run` vuelve a preguntar
trust-was-not-trusted = el laboratorio `{ $lab }` ({ $path }) no era de confianza
trust-content = laboratorio `{ $lab }` ({ $path }), contenido { $hash }:
trust-remembered = de confianza: `workshop run { $path }` no preguntará mientras el contenido del laboratorio siga igual
cannot-write-file = no se puede escribir { $path }: { $error }
cannot-write-file-hint = comprueba que la carpeta es tuya y se puede escribir en ella
list-cannot-read = no se puede leer la carpeta `{ $folder }`: { $error }
list-cannot-read-hint = ejecútalo desde la carpeta del proyecto, o nombra la carpeta: workshop list ruta/a/escenarios
list-none = no hay escenarios (*.toml con una tabla [lab]) en { $folder } ni en sus subcarpetas
list-steps = { $count ->
    [one] paso
   *[other] pasos
}
list-invalid = (no válido)
list-problems = { $count ->
    [one] 1 problema
   *[other] { $count } problemas
}
list-validate = ejecuta `workshop validate { $path }`

## Procesos en segundo plano entre ejecuciones (src/engine/background.rs, runner.rs, mod.rs)

background-killed = { $description } (seguía en marcha { $seconds } s después de SIGTERM: matado)
background-already-ended = { $description } (ya había terminado)
leftovers-cannot-record = aviso: no se pueden registrar los procesos de esta ejecución en { $path }: { $error }; si se mata workshop, lo que arrancó no se encontrará en el siguiente arranque
resume-restarting-background = ↻ vuelvo a arrancar `{ $id }`: se completó en una ejecución anterior, y su proceso terminó con esa ejecución
resume-check-does-not-hold = { $check } no se cumple
resume-restart-failed = ✖ `{ $id }` no volvió a arrancar: { $why }; los pasos que lo necesitan se omiten
process-workshop-ended = workshop terminó mientras el proceso arrancaba

## Opciones cuyo valor se rechaza (src/cli.rs; las palabras de clap siguen en inglés, como --help)

cli-invalid-value = valor no válido `{ $value }` para `{ $flag }`: { $why }
cli-more-information = Para más información, prueba `--help`.
cli-var-not-name-value = `{ $value }` no es NOMBRE=VALOR; escribe, por ejemplo, --var pacman_replicas=5
cli-duration = { $error }; escribe una duración como 30s o 2m
cli-timeout-zero = `{ $value }` no dejaría tiempo para esperar: da un factor mayor que 0, por ejemplo --timeout 0.5 (la mitad) o --timeout 2 (el doble)
cli-timeout-not-a-number = `{ $value }` no es un número: da un factor como --timeout 2

### Lo que dicen los clústeres (src/engine/provider/, `workshop rehearsal serve`) y los errores HTTP
### del modo clase (src/class/http.rs).

## minikube (src/engine/provider/minikube.rs)

minikube-failed-hint = lee la salida de minikube más arriba; `minikube logs -p { $profile }` da más detalles. Lo habitual es un problema del driver
minikube-timed-out-hint = da más tiempo al paso con `timeout = "20m"`, o ejecuta con --timeout 2

## Un clúster perdido durante una ejecución, un clúster existente (src/engine/provider/mod.rs, existing.rs)

lost-replaced-hint = todo lo que creó el laboratorio se fue con el clúster antiguo: empieza el laboratorio de nuevo (el comando está abajo); --resume no puede continuar en otro clúster
lost-minikube-hint = ¿sigue en marcha minikube? `minikube status -p { $profile }` (y `minikube start -p { $profile }` para arrancarlo de nuevo)
lost-existing-hint = ¿sigue en marcha el clúster? `kubectl --context { $context } cluster-info`
existing-using-context = uso el contexto kube { $context }
existing-addon-needs-minikube = `{ $command }` necesita el proveedor minikube
existing-addon-hint = en un clúster existente, instala tú el equivalente (p. ej. ingress-nginx), o marca el paso con `optional = true`
lab-kubeconfig-cannot-write = no se puede escribir el kubeconfig privado de los comandos del laboratorio: { $error }
lab-kubeconfig-cannot-write-hint = haz que se pueda escribir en la carpeta temporal (TMPDIR)
kubeconfig-current-context = (actual)
kubeconfig-unusable = no se puede usar el contexto kube: { $error }

## El clúster de ensayo, incluido o conectado (src/engine/provider/rehearsal.rs, src/rehearsal/error.rs)

rehearsal-not-one = { $server } no es un clúster de ensayo de workshop ({ $why })
rehearsal-not-one-hint = arranca uno con `{ $command }`, o usa --cluster existing para otros clústeres
rehearsal-vanished-faults = el clúster de ensayo incluido solo deja de responder cuando se le pide: { $faults }
rehearsal-vanished-embedded = el clúster de ensayo incluido dejó de responder; por favor, informa de ello
rehearsal-vanished-attached = ¿sigue en marcha `{ $command }`? Arráncalo de nuevo con ese comando
rehearsal-embedded-unreachable-hint = el clúster de ensayo siempre debería responder; por favor, informa de ello
rehearsal-attach-no-kubeconfig-hint = arranca primero el clúster de ensayo, en otra terminal: { $command }; o quita --kubeconfig para usar el ensayo incluido
rehearsal-attach-unreachable-hint = ¿sigue en marcha `{ $command }`? arráncalo de nuevo, o quita --kubeconfig para usar el ensayo incluido
rehearsal-invalid-version = versión de Kubernetes "{ $version }" no válida para el clúster de ensayo (se esperaba algo como v1.31.0)
rehearsal-cannot-bind = el servidor de la API del ensayo no pudo escuchar en 127.0.0.1: { $error }
rehearsal-cannot-write-kubeconfig = no se pudo escribir el kubeconfig del ensayo { $path }: { $error }
rehearsal-unknown-addon = addon de minikube desconocido "{ $addon }"; el clúster de ensayo emula: { $known }
rehearsal-addon-failed = no se pudo { $enable ->
    [yes] activar
   *[no] desactivar
} el addon { $addon }: { $error }
rehearsal-no-signal = no se puede esperar a Ctrl-C: { $error }

## workshop rehearsal serve (src/rehearsal/mod.rs)

rehearsal-serve-listening = clúster de ENSAYO de workshop (Kubernetes { $version }) escuchando en { $address }
rehearsal-serve-what = Esto es un ENSAYO: la API es real, pero no se ejecuta ningún contenedor; los pods solo lo aparentan.
rehearsal-serve-addons = Addons: { $addons }
rehearsal-serve-faults = Fallos: { $faults } (docs/reliability.md)
rehearsal-serve-restarts-after = se reinicia sin sus datos { $after } después de arrancar
rehearsal-serve-vanishes-after = deja de responder para siempre { $after } después de arrancar
rehearsal-serve-vanishes-on = deja de responder para siempre en la primera petición a { $path }
rehearsal-serve-try = Prueba:     { $command }
rehearsal-serve-stop = Pulsa Ctrl-C para detenerlo.
rehearsal-serve-down = el servidor de la API se reinicia sin sus datos (--faults restart): puerto cerrado
rehearsal-serve-restarted = el servidor de la API ha vuelto, sin sus datos: un clúster nuevo
rehearsal-serve-vanished = el servidor de la API desapareció (--faults vanish): puerto cerrado para siempre
rehearsal-serve-event = ENSAYO de workshop: { $event }
rehearsal-serve-stopped = clúster de ENSAYO de workshop detenido.
rehearsal-serve-stopped-faults = clúster de ENSAYO de workshop detenido. Fallos inyectados: { $faults }.

## workshop doctor (src/doctor.rs)

doctor-var-not-name-value = `{ $value }` no es NOMBRE=VALOR

## El cliente HTTP del modo clase (src/class/http.rs)

class-url-unparsable = no se puede leer como URL
class-url-scheme = debe empezar por http:// o https://
class-url-no-host = no nombra ningún host
class-url-no-ca = no hay certificados de CA con los que comprobarlo ({ $error }); define SSL_CERT_FILE con el certificado de la clase
class-no-answer-within = sin respuesta en { $seconds } s

## Los errores del sistema operativo, por tipo (src/os_error.rs); su texto original va a los registros de -v

os-not-found = no existe ese archivo o carpeta
os-permission-denied = permiso denegado
os-connection-refused = conexión rechazada
os-connection-reset = la otra parte reinició la conexión
os-connection-aborted = conexión interrumpida
os-not-connected = sin conexión
os-addr-in-use = la dirección ya está en uso
os-addr-not-available = la dirección no está disponible en esta máquina
os-broken-pipe = la otra parte cerró la conexión (tubería rota)
os-already-exists = ya existe
os-timed-out = se agotó el tiempo de espera
os-interrupted = interrumpido por una señal
os-unexpected-eof = la conexión se cerró antes de completar la respuesta
os-host-unreachable = no se puede llegar al host
os-network-unreachable = no se puede llegar a la red
os-network-down = la red no está activa
os-is-a-directory = es una carpeta
os-not-a-directory = no es una carpeta
os-directory-not-empty = la carpeta no está vacía
os-read-only-filesystem = sistema de archivos de solo lectura
os-storage-full = no queda espacio en el dispositivo
os-quota-exceeded = cuota de disco superada
os-file-too-large = archivo demasiado grande
os-out-of-memory = sin memoria
os-error-code = error del sistema { $code }

## Las negativas de un servidor de clase que puede recibir un alumno, por su código (src/class/protocol.rs)

class-refused-wrong-join-code = este código no es el de la clase; pide al instructor el código que mostró `workshop class serve`
class-refused-bad-name = el nombre de un alumno tiene de 1 a { $max } caracteres imprimibles
class-refused-not-a-learner = no eres alumno de esta clase; únete primero con el código de la clase
