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
what-check = esta comprobación
what-capture = esta captura
what-patch = este parche
what-delete = este borrado
what-scale = este escalado
what-action = la acción de este paso
what-cleanup-step = este paso de limpieza
