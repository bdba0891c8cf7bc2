# Sourced by bin/demo and bin/test: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME that already qualifies; otherwise looks under /usr/lib/jvm and /opt.
java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
    JAVA_HOME=""
    for candidate in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ]; then
            JAVA_HOME="$candidate"
            break
        fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "Parley needs a JDK 21 or newer: install one (for example Temurin 21) or set JAVA_HOME." >&2
        exit 2
    fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
