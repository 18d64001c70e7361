/// The Python program that runs Spark SQL texts on a Spark Connect server with pyspark's client
/// and prints their rows, carried inside Confiance so that no file has to be found at run time:
/// ``SparkRunner`` starts it once with `python3 -c` and sends it one query after another. It is also
/// usable on its own (write it to a file):
/// `echo '{"sql": "SELECT 1"}' | python3 confiance_spark.py sc://host:port`.
let sparkRunnerScript = #"""
"""Confiance's Spark runner: runs aggregation queries on a Spark Connect server, one after
another, and prints their rows, nothing else.

    python3 confiance_spark.py sc://host:port

Reads one request per line on stdin, {"sql": "<Spark SQL text>"}, until stdin ends. Answers each
with its result rows on stdout, one JSON array of strings per row (NULL as null): a DECIMAL as
its exact digits (never through binary floating point), any other value as Spark's text of it;
then one status line, a JSON object: {"status": 0} when the query ran, else
{"status": code, "message": "one sentence"} with a code per kind:
  2 usage (empty query)               3 no Spark Connect server answers at host:port
  4 missing table, file or column     5 any other error the server reported
  6 pyspark[connect] is not installed in this Python
The Spark Connect session is opened at the first query and kept for the next ones.
A URL that is not sc://host:port is one sentence on stderr and exit code 2.
Needs pyspark[connect] (pyspark 4.0.1 with pandas, pyarrow, grpcio).
"""
import decimal
import json
import logging
import re
import socket
import sys

USAGE, UNREACHABLE, NOT_FOUND, SERVER, NOT_INSTALLED = 2, 3, 4, 5, 6


class Failure(Exception):
    """A query that did not run: its status code and one sentence."""

    def __init__(self, code, sentence):
        super().__init__(sentence)
        self.code, self.sentence = code, sentence.strip()


def endpoint(url):
    """host and port of an sc://host:port[/;params] URL."""
    match = re.fullmatch(r"sc://(\[[^\]]+\]|[^:/;]+)(?::(\d+))?/?(;.*)?", url)
    if not match:
        sys.stderr.write(f"'{url}' is not a Spark Connect URL: write sc://host:port.\n")
        sys.exit(USAGE)
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


def first_line(error, fallback=None):
    message = str(error).strip()
    return message.splitlines()[0] if message else (fallback or type(error).__name__)


def check_listening(host, port):
    """The client retries an unreachable server for minutes: check that something listens first."""
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as error:
        reason = "connection refused" if isinstance(error, ConnectionRefusedError) else (
            "no answer within 10 s" if isinstance(error, socket.timeout) else
            "unknown host" if isinstance(error, socket.gaierror) else "cannot connect")
        raise Failure(UNREACHABLE, f"no Spark Connect server answers at {host}:{port} ({reason}). "
                      "Check the host and port, and that the server is running.")


def open_session(url, host, port):
    check_listening(host, port)
    try:
        from pyspark.sql import SparkSession
        import pyspark.sql.connect.session  # noqa: F401 (fails without the connect extras)
    except ImportError as error:
        raise Failure(NOT_INSTALLED, f"this Python ({sys.executable}) cannot run Spark Connect queries ({error}); "
                      "install them with: python3 -m pip install 'pyspark[connect]==4.0.1'.")
    logging.disable(logging.CRITICAL)  # pyspark logs every server error on stderr besides raising it
    try:
        return SparkSession.builder.remote(url).getOrCreate()
    except Exception as error:  # noqa: BLE001 (any client failure is one sentence)
        raise Failure(SERVER, f"Spark reported: {first_line(error)}")


def run(spark, query):
    """The rows of query, or a Failure naming what is missing or what the server said."""
    from pyspark.errors import AnalysisException
    try:
        return spark.sql(query).collect()
    except AnalysisException as error:
        condition = error.getCondition() or ""
        parameters = error.getMessageParameters() or {}
        if condition.startswith("TABLE_OR_VIEW_NOT_FOUND"):
            raise Failure(NOT_FOUND, f"Spark has no table or view {parameters.get('relationName', '')}.")
        if condition.startswith("PATH_NOT_FOUND"):
            raise Failure(NOT_FOUND, f"Spark finds no file at {parameters.get('path', '')}.")
        if condition.startswith("UNRESOLVED_COLUMN"):
            column = parameters.get("objectName", "")
            proposal = parameters.get("proposal", "")
            raise Failure(NOT_FOUND, f"the table has no column {column}"
                          + (f"; did you mean one of {proposal}?" if proposal else "."))
        raise Failure(SERVER, f"Spark reported: {first_line(error, condition)}")
    except Exception as error:  # noqa: BLE001 (any client failure is one sentence)
        raise Failure(SERVER, f"Spark reported: {first_line(error)}")


class Runner:
    """The Spark Connect session of one server, opened at the first query and kept."""

    def __init__(self, url):
        self.url = url
        self.host, self.port = endpoint(url)
        self.spark = None

    def rows(self, request):
        """The rows of the query in request (a JSON line), or a Failure."""
        try:
            query = json.loads(request).get("sql") or ""
        except (ValueError, AttributeError) as error:
            raise Failure(USAGE, f"the request is not a JSON object with the query in sql ({error}).")
        if not query.strip():
            raise Failure(USAGE, "the query is empty.")
        if self.spark is None:
            self.spark = open_session(self.url, self.host, self.port)
        try:
            return run(self.spark, query)
        except Failure as failure:
            if failure.code == SERVER:  # the server may have gone: then say so, and reconnect next time
                try:
                    check_listening(self.host, self.port)
                except Failure:
                    self.spark = None
                    raise
            raise

    def close(self):
        if self.spark is not None:
            try:
                self.spark.stop()
            except Exception:  # noqa: BLE001 (the server may be gone already)
                pass


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: confiance_spark.py sc://host:port, one {\"sql\": ...} line per query on stdin\n")
        sys.exit(USAGE)
    runner = Runner(sys.argv[1])
    out = sys.stdout
    for request in iter(sys.stdin.readline, ""):
        try:
            for row in runner.rows(request):
                out.write(json.dumps([text(value) for value in row], ensure_ascii=False) + "\n")
            out.write(json.dumps({"status": 0}) + "\n")
        except Failure as failure:
            out.write(json.dumps({"status": failure.code, "message": failure.sentence}, ensure_ascii=False) + "\n")
        out.flush()
    runner.close()


if __name__ == "__main__":
    main()
"""#
