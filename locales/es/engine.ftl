# Lo que dice el motor alrededor de los pasos: la elección de pasos (--only/--from/--until/--resume),
# el bloqueo del laboratorio y lo que dejó una ejecución matada, los problemas del plan (src/plan/),
# los errores de una acción que falla (src/actions/), los fallos de la API del clúster, los informes
# y las comprobaciones de las opciones. Mismos mensajes y variables que locales/en/engine.ftl.

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
