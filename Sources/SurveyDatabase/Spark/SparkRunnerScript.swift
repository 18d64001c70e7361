/// The Python program that runs one Spark SQL text on a Spark Connect server with pyspark's client
/// and prints its rows, carried inside Confiance so that no file has to be found at run time:
/// ``SparkRunner`` runs it with `python3 -c`. It is also usable on its own (write it to a file):
/// `python3 confiance_spark.py sc://host:port < query.sql`.
let sparkRunnerScript = #"""
"""Confiance's Spark runner: runs ONE aggregation query on a Spark Connect server and prints its
rows, nothing else.

    python3 confiance_spark.py sc://host:port < query.sql

Reads the Spark SQL text on stdin, writes each result row to stdout as one JSON array of strings
(NULL as null): a DECIMAL as its exact digits (never through binary floating point), any other
value as Spark's text of it. Needs pyspark[connect] (pyspark 4.0.1 with pandas, pyarrow, grpcio).

Errors are one sentence on stderr, with an exit code per kind:
  2 usage (no URL, empty query)       3 no Spark Connect server answers at host:port
  4 missing table, file or column     5 any other error the server reported
  6 pyspark[connect] is not installed in this Python
"""
import decimal
import json
import logging
import re
import socket
import sys

USAGE, UNREACHABLE, NOT_FOUND, SERVER, NOT_INSTALLED = 2, 3, 4, 5, 6


def fail(code, sentence):
    sys.stderr.write(sentence.strip() + "\n")
    sys.exit(code)


def endpoint(url):
    """host and port of an sc://host:port[/;params] URL."""
    match = re.fullmatch(r"sc://(\[[^\]]+\]|[^:/;]+)(?::(\d+))?/?(;.*)?", url)
    if not match:
        fail(USAGE, f"'{url}' is not a Spark Connect URL: write sc://host:port.")
    return match.group(1).strip("[]"), int(match.group(2) or 15002)


def text(value):
    if value is None:
        return None
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def main():
    if len(sys.argv) != 2:
        fail(USAGE, "usage: confiance_spark.py sc://host:port < query.sql")
    url = sys.argv[1]
    host, port = endpoint(url)
    query = sys.stdin.read()
    if not query.strip():
        fail(USAGE, "the query on standard input is empty.")
    # The client retries an unreachable server for minutes: check that something listens first.
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as error:
        reason = "connection refused" if isinstance(error, ConnectionRefusedError) else (
            "no answer within 10 s" if isinstance(error, socket.timeout) else
            "unknown host" if isinstance(error, socket.gaierror) else "cannot connect")
        fail(UNREACHABLE, f"no Spark Connect server answers at {host}:{port} ({reason}). "
             "Check the host and port, and that the server is running.")
    try:
        from pyspark.sql import SparkSession
        from pyspark.errors import AnalysisException
        import pyspark.sql.connect.session  # noqa: F401 (fails without the connect extras)
    except ImportError as error:
        fail(NOT_INSTALLED, f"this Python ({sys.executable}) cannot run Spark Connect queries ({error}); "
             "install them with: python3 -m pip install 'pyspark[connect]==4.0.1'.")
    logging.disable(logging.CRITICAL)  # pyspark logs every server error on stderr besides raising it
    try:
        spark = SparkSession.builder.remote(url).getOrCreate()
        rows = spark.sql(query).collect()
    except AnalysisException as error:
        condition = error.getCondition() or ""
        parameters = error.getMessageParameters() or {}
        if condition.startswith("TABLE_OR_VIEW_NOT_FOUND"):
            fail(NOT_FOUND, f"Spark has no table or view {parameters.get('relationName', '')}.")
        if condition.startswith("PATH_NOT_FOUND"):
            fail(NOT_FOUND, f"Spark finds no file at {parameters.get('path', '')}.")
        if condition.startswith("UNRESOLVED_COLUMN"):
            column = parameters.get("objectName", "")
            proposal = parameters.get("proposal", "")
            return fail(NOT_FOUND, f"the table has no column {column}"
                        + (f"; did you mean one of {proposal}?" if proposal else "."))
        first = str(error).strip().splitlines()[0] if str(error).strip() else condition
        fail(SERVER, f"Spark reported: {first}")
    except Exception as error:  # noqa: BLE001 (any client failure is one sentence)
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        fail(SERVER, f"Spark reported: {first}")
    out = sys.stdout
    for row in rows:
        out.write(json.dumps([text(value) for value in row], ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
"""#
