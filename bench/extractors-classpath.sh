#!/usr/bin/env bash
# Sourced by bench scripts from the project root: compiles the extractors and their tests and sets
# $classpath to their classes and test dependencies.
mvn -q -B -pl extractors -am test-compile
cpfile=$(mktemp)
# -am: test-corpus, which extractors depends on, is resolved from the reactor, not from ~/.m2
mvn -q -B -pl extractors -am dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test
classpath="extractors/target/classes:extractors/target/test-classes:$(cat "$cpfile")"
rm -f "$cpfile"
