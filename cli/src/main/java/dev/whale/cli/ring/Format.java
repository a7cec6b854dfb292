package dev.whale.cli.ring;

/** Output formats of the ring commands. */
enum Format { text, json, csv }
