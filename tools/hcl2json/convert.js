#!/usr/bin/env node
// Reads Terraform HCL files with HashiCorp's parser (@cdktf/hcl2json, WebAssembly) and prints
// one JSON object on stdout: { "<file as given>": <the file's JSON form>, ... }.
// The WebAssembly module loads once per run, so the CLI converts a whole directory per call.
// On a syntax error: "<file>:<line>:<column>: <summary>; <detail>" on stderr, exit status 1.
"use strict";

const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

// HCL diagnostics read "[main.tf:2,7-3,1: Invalid expression; Expected ...]" (several may be
// joined); the first one, as file:line:column, is what a person needs.
function syntaxError(file, error) {
  const text = String(error && error.message ? error.message : error);
  const m = text.match(/([^\s\[]+):(\d+),(\d+)(?:-[\d,]+)?: ([^\]]*)/);
  if (!m) {
    return `${file}: ${text.replace(/^Error: /, "")}`;
  }
  const message = m[4].split(/,? [^\s\[]+:\d+,\d+(?:-[\d,]+)?: /)[0].trim();
  return `${m[1]}:${m[2]}:${m[3]}: ${message}`;
}

async function main(files) {
  const out = {};
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      process.stderr.write(`${file}: cannot read: ${e.message}\n`);
      return 1;
    }
    try {
      out[file] = text.trim() === "" ? {} : await parse(file, text);
    } catch (e) {
      process.stderr.write(syntaxError(file, e) + "\n");
      return 1;
    }
  }
  process.stdout.write(JSON.stringify(out));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`hcl2json: ${e && e.stack ? e.stack : e}\n`);
    process.exit(2);
  });
