# The npm tools the topology tests validate with: ajv (JSON Schema 2020-12), mermaid's own parser
# and jsdom for it, pinned in tests/unit/topology/validators/ and installed by scripts/setup.sh
# into /opt/meshprobe-graph-validators (MESHPROBE_GRAPH_VALIDATORS elsewhere). Sourced; linked
# into the current folder as node_modules. Missing tools fail the test: a graph nobody parsed
# is not a graph that renders.
validators=${MESHPROBE_GRAPH_VALIDATORS:-/opt/meshprobe-graph-validators}
if [ ! -d "$validators/node_modules/mermaid" ] || [ ! -x "$validators/node_modules/.bin/ajv" ] \
   || [ ! -d "$validators/node_modules/jsdom" ]; then
  echo "FAIL: the graph validators are not installed in $validators: run scripts/setup.sh"
  exit 1
fi
command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/setup.sh installs it)"; exit 1; }
# A folder of an older run that installed the tools itself is replaced by the link.
[ -d node_modules ] && [ ! -L node_modules ] && rm -rf node_modules
ln -sfn "$validators/node_modules" node_modules
