# What `workshop validate` and every command that reads a scenario say about its meaning
# (src/scenario/analyze.rs): checks, steps, variables and templates that do not fit together.

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

## Las palabras de serde cuando un valor no encaja (src/scenario/load.rs); los valores quedan tal como se escribieron

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
