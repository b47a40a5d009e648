#!/bin/sh
# Turns stdin into a C string constant named $1, so SQL files stay readable.
printf 'const char %s[] =\n' "$1"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/'
printf ';\n'
