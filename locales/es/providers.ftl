# Lo que dicen los clústeres (src/engine/provider/, `workshop rehearsal serve`) y los errores HTTP
# del modo clase (src/class/http.rs).

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
