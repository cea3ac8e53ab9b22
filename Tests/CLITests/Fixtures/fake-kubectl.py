#!/usr/bin/env python3
"""A stand-in for kubectl and the cluster behind it, for tests of Gantry's kubernetes target.

There is no Kubernetes cluster on the test machines. This program answers the kubectl calls Gantry makes (get,
apply, replace, scale, delete, patch) from objects kept as JSON files under $FAKE_CLUSTER (default ./cluster),
the way an API server would: generations and resourceVersions go up on change, a replace with a stale
resourceVersion is refused, Deployments become ready at once with every wanted replica, and a Service's merge
patch updates its selector. Every call is appended to $FAKE_CLUSTER/calls.log (one line per call, arguments
joined by spaces, and for apply and replace "< Kind/name" of the object read) so a test can check the order of
Gantry's calls. $FAKE_REFUSE, when set, makes every apply or replace whose manifest contains that text fail, as
an admission webhook would.
"""
import json
import os
import re
import sys

ROOT = os.environ.get("FAKE_CLUSTER", "cluster")
KINDS = {"deployment": "Deployment", "deployments": "Deployment", "service": "Service",
         "virtualservice": "VirtualService", "destinationrule": "DestinationRule"}


def fail(message, code=1):
    sys.stderr.write("Error from server: " + message + "\n")
    sys.exit(code)


def path(namespace, kind, name):
    return os.path.join(ROOT, namespace, kind, name + ".json")


def load(namespace, kind, name):
    try:
        with open(path(namespace, kind, name)) as handle:
            return json.load(handle)
    except FileNotFoundError:
        return None


def save(namespace, obj):
    kind, name = obj["kind"], obj["metadata"]["name"]
    os.makedirs(os.path.dirname(path(namespace, kind, name)), exist_ok=True)
    # Written aside and renamed, so a concurrent call never reads half an object.
    temporary = "%s.%d.tmp" % (path(namespace, kind, name), os.getpid())
    with open(temporary, "w") as handle:
        json.dump(obj, handle, indent=1, sort_keys=True)
    os.rename(temporary, path(namespace, kind, name))


def every(namespace, kind):
    directory = os.path.join(ROOT, namespace, kind)
    names = sorted(f[:-5] for f in os.listdir(directory) if f.endswith(".json")) if os.path.isdir(directory) else []
    return [load(namespace, kind, name) for name in names]


def matches(obj, selector):
    labels = obj["metadata"].get("labels", {})
    return all(labels.get(k) == v for k, v in (term.split("=", 1) for term in selector.split(",")))


def settle(obj):
    """What the Deployment controller would report once every replica is up."""
    if obj["kind"] == "Deployment":
        wanted = obj["spec"].get("replicas", 1)
        obj["status"] = {"observedGeneration": obj["metadata"]["generation"], "replicas": wanted,
                         "updatedReplicas": wanted, "availableReplicas": wanted, "readyReplicas": wanted}
    return obj


DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")


def validate(obj):
    """The checks of the API server (and Istio's webhook) that Gantry's manifests must pass."""
    name = obj["metadata"]["name"]
    if len(name) > 253 or not DNS1123_SUBDOMAIN.match(name):
        fail('%s "%s" is invalid: metadata.name: must be a lowercase RFC 1123 subdomain' % (obj["kind"], name))
    labels = dict(obj["metadata"].get("labels", {}))
    template = obj.get("spec", {}).get("template", {})
    labels.update(template.get("metadata", {}).get("labels", {}))
    labels.update(obj.get("spec", {}).get("selector", {}).get("matchLabels", {}) if obj["kind"] == "Deployment" else {})
    for key, value in labels.items():
        if len(value) > 63 or not LABEL_VALUE.match(value):
            fail('%s "%s" is invalid: label %s="%s": a valid label value must be 63 characters or less' %
                 (obj["kind"], name, key, value))
    if obj["kind"] == "DestinationRule":
        for subset in obj["spec"].get("subsets", []):
            if len(subset["name"]) > 63 or not DNS1123_LABEL.match(subset["name"]):
                fail('admission webhook "validation.istio.io" denied the request: invalid subset name "%s"' %
                     subset["name"])


def store(namespace, obj, replace=False):
    kind, name = obj["kind"], obj["metadata"]["name"]
    validate(obj)
    old = load(namespace, kind, name)
    meta = obj["metadata"]
    if replace:
        if old is None:
            fail('%s "%s" not found' % (kind.lower(), name))
        if meta.get("resourceVersion") != old["metadata"]["resourceVersion"]:
            fail('Operation cannot be fulfilled on %s "%s": the object has been modified' % (kind.lower(), name), 1)
    meta["namespace"] = namespace
    meta["resourceVersion"] = str(int(old["metadata"]["resourceVersion"]) + 1 if old else 1)
    changed = old is None or old.get("spec") != obj.get("spec")
    meta["generation"] = (old["metadata"].get("generation", 1) if old else 0) + (1 if changed else 0)
    obj.pop("status", None)
    save(namespace, settle(obj))
    return "%s/%s %s" % (kind.lower(), name, "configured" if old else "created")


def record(line):
    with open(os.path.join(ROOT, "calls.log"), "a") as log:
        log.write(line + "\n")


def main(argv):
    os.makedirs(ROOT, exist_ok=True)
    line = " ".join(argv)
    namespace, args, options, i = "default", [], {}, 0
    while i < len(argv):
        word = argv[i]
        if word in ("--namespace", "-n", "--context", "--output", "-o", "--selector", "-l", "--replicas",
                    "--type", "--patch", "-p", "--filename", "-f"):
            options[word.lstrip("-")[:1] if len(word) == 2 else word.lstrip("-")] = argv[i + 1]
            i += 2
            continue
        if word.startswith("--"):
            options[word[2:].split("=")[0]] = True
        else:
            args.append(word)
        i += 1
    namespace = options.get("namespace", options.get("n", namespace))
    if options.get("context") not in (None, os.environ.get("FAKE_CONTEXT")):
        fail('context "%s" does not exist' % options["context"])
    verb = args[0]
    if verb in ("apply", "replace"):
        text = sys.stdin.read()
        obj = json.loads(text)
        line += " < %s/%s" % (obj["kind"], obj["metadata"]["name"])
        record(line)
        refused = os.environ.get("FAKE_REFUSE")
        if refused and refused in text:
            fail('admission webhook "policy.example.com" denied the request: %s is not allowed' % refused)
        print(store(namespace, obj, replace=(verb == "replace")))
        return
    record(line)
    if verb == "get":
        kind = KINDS[args[1]]
        selector = options.get("selector")
        if len(args) > 2:
            obj = load(namespace, kind, args[2])
            if obj is None:
                fail('%s.apps "%s" not found' % (args[1], args[2]))
            print(json.dumps(obj))
        else:
            items = [o for o in every(namespace, kind) if selector is None or matches(o, selector)]
            print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))
    elif verb == "scale":
        obj = load(namespace, "Deployment", args[2])
        if obj is None:
            fail('deployments.apps "%s" not found' % args[2])
        obj["spec"]["replicas"] = int(options["replicas"])
        print(store(namespace, obj))
    elif verb == "delete":
        kind = KINDS[args[1]]
        selector = options.get("selector")
        doomed = [o for o in every(namespace, kind) if matches(o, selector)] if selector else \
            [o for o in [load(namespace, kind, args[2])] if o]
        for obj in doomed:
            os.remove(path(namespace, kind, obj["metadata"]["name"]))
            print('%s "%s" deleted' % (args[1], obj["metadata"]["name"]))
        if not doomed and "ignore-not-found" not in options:
            fail("not found")
    elif verb == "patch":
        kind = KINDS[args[1]]
        obj = load(namespace, kind, args[2])
        if obj is None:
            fail('%s "%s" not found' % (args[1], args[2]))
        patch = json.loads(options["patch"])
        for key, value in patch.get("spec", {}).get("selector", {}).items():
            obj["spec"].setdefault("selector", {})[key] = value
        print(store(namespace, obj))
    else:
        fail("unknown command " + verb)


if __name__ == "__main__":
    main(sys.argv[1:])
