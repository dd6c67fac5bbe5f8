"""Task rows of an archive on Spark: every file under IN_DIR parsed by gongwen on the executors.

    spark-submit --master local[2] examples/spark_tasks.py IN_DIR OUT_DIR
    spark-submit --master spark://host:7077 examples/spark_tasks.py hdfs:///archive hdfs:///out

Reads every file under IN_DIR (recursively) with Spark's `binaryFile` source, parses each with
`gongwen.parse` inside `mapInArrow`, and writes Parquet:

  OUT_DIR/documents  one row a file: path (as Spark gives it, file:/…), sha256, format, status
                     ("ok" or "error"), error_kind (the gongwen exception's class), error (its
                     one-line reason), items, tasks, warnings (counts)
  OUT_DIR/tasks      the task rows, exactly as `gongwen tasks --format jsonl` writes them (source
                     is the path Spark gives), partitioned by deadline_year (the year of deadline;
                     rows without a deadline under deadline_year=__HIVE_DEFAULT_PARTITION__)

A file gongwen cannot read is a documents row with its error, never a failed job; so is an empty
file, which the binaryFile source itself skips. Spark's file listing leaves out files whose names
start with "_" or "." (its hidden files): rename such files to have them read. The columns of
the task rows follow gongwen.task_schema(), so new fields of the library arrive here unchanged.
Executors need the gongwen wheel installed in the Python they run (README, "On a cluster").
"""

import hashlib
import json
import re
import sys
import time
from urllib.parse import unquote

import gongwen
import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.pandas.types import to_arrow_schema

# A two-line plan whose one task row gives the field order as the CLI writes it (the schema's
# properties are sorted by name).
SAMPLE = "一、总体要求\n（一）完善制度。（牵头单位：县政府办）\n".encode()

# Files a batch hands to Python at once: documents run to megabytes, so batches stay small.
FILES_PER_BATCH = 16

DOCUMENT_FIELDS = [
    ("path", T.StringType()),
    ("sha256", T.StringType()),
    ("format", T.StringType()),
    ("status", T.StringType()),
    ("error_kind", T.StringType()),
    ("error", T.StringType()),
    ("items", T.LongType()),
    ("tasks", T.LongType()),
    ("warnings", T.LongType()),
]

SCALARS = {"string": T.StringType(), "boolean": T.BooleanType(), "integer": T.LongType(), "number": T.DoubleType()}


def spark_type(node, defs):
    """The Spark type of a JSON Schema node (as schemars writes them: type lists with "null",
    $ref to definitions, enums of strings, arrays, objects with properties)."""
    if "$ref" in node:
        return spark_type(defs[node["$ref"].split("/")[-1]], defs)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [n for n in node[key] if n.get("type") != "null"]
            kinds = {type(spark_type(n, defs)) for n in options}
            return spark_type(options[0], defs) if len(kinds) == 1 else T.StringType()
    types = node.get("type", "string")
    types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"]
    kind = types[0] if len(types) == 1 else "string"
    if kind == "array":
        return T.ArrayType(spark_type(node.get("items", {}), defs))
    if kind == "object" and "properties" in node:
        return T.StructType(
            [T.StructField(k, spark_type(v, defs), True) for k, v in sorted(node["properties"].items())]
        )
    return SCALARS.get(kind, T.StringType())


def task_struct():
    """The task row as a Spark struct, from gongwen.task_schema(), in the CLI's field order."""
    schema = gongwen.task_schema()
    defs = {**schema.get("definitions", {}), **schema.get("$defs", {})}
    props = schema["properties"]
    order = list(gongwen.tasks(gongwen.parse(SAMPLE))[0])
    names = [n for n in order if n in props] + sorted(set(props) - set(order))
    return T.StructType([T.StructField(n, spark_type(props[n], defs), True) for n in names])


def count_items(items):
    return sum(1 + count_items(i["children"]) for i in items)


def parse_one(path, content):
    """One documents row, with the file's task rows in `task_rows`."""
    row = {name: None for name, _ in DOCUMENT_FIELDS}
    row.update(path=path, task_rows=[])
    try:
        doc = gongwen.parse(content, path=path)
        rows = gongwen.tasks(doc)
    except Exception as e:  # gongwen.Error, or anything else: the file's row says it, the job goes on
        row.update(status="error", error_kind=type(e).__name__, error=str(e), format=getattr(e, "format", None))
        row["sha256"] = hashlib.sha256(content).hexdigest()
        return row
    items = count_items(doc["items"]) + sum(count_items(a["items"]) for a in doc["attachments"])
    row.update(
        sha256=doc["source"]["sha256"],
        format=doc["source"]["format"],
        status="ok",
        items=items,
        tasks=len(rows),
        warnings=len(doc["warnings"]),
        task_rows=rows,
    )
    return row


def spark_path(uri):
    """A path of DataFrame.inputFiles() (a URI: file:///a%20b) as the binaryFile source gives it
    in its path column (file:/a b)."""
    return re.sub(r"^file:///", "file:/", unquote(uri))


def unread_files(spark, files, parsed):
    """Documents rows for the files Spark lists but does not read: the binaryFile source drops
    files of length 0, which would otherwise vanish without a word."""
    listed = spark.createDataFrame([(spark_path(u),) for u in files.inputFiles()], "path string")
    missing = listed.join(parsed.select("path"), "path", "left_anti").collect()
    rows = [parse_one(r["path"], b"") for r in missing]
    for r in rows:
        del r["task_rows"]
    return rows


def parser(arrow_schema, struct):
    """The function mapInArrow runs on the executors: Arrow batches of (path, content) in, batches
    of documents rows out. Values that are not Spark scalars (a nested object in a string column)
    are written as JSON."""
    string_fields = [f.name for f in struct.fields if isinstance(f.dataType, T.StringType)]

    def as_columns(rows):
        for r in rows:
            for name in string_fields:
                if r.get(name) is not None and not isinstance(r[name], str):
                    r[name] = json.dumps(r[name], ensure_ascii=False)
        return rows

    def run(batches):
        for batch in batches:
            paths = batch.column("path").to_pylist()
            contents = batch.column("content").to_pylist()
            out = [parse_one(p, c) for p, c in zip(paths, contents)]
            for r in out:
                as_columns(r["task_rows"])
            yield pa.RecordBatch.from_pylist(out, schema=arrow_schema)

    return run


def main(in_dir, out_dir):
    spark = (
        SparkSession.builder.appName("gongwen tasks")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(FILES_PER_BATCH))
        .getOrCreate()
    )
    started = time.perf_counter()
    struct = task_struct()
    result = T.StructType(
        [T.StructField(n, t, True) for n, t in DOCUMENT_FIELDS] + [T.StructField("task_rows", T.ArrayType(struct))]
    )
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(in_dir)
    parsed = files.select("path", "content").mapInArrow(parser(to_arrow_schema(result), struct), result)
    # Parsed once: the documents and the tasks are both written from the persisted result.
    parsed = parsed.persist(StorageLevel.MEMORY_AND_DISK)
    documents = parsed.drop("task_rows")
    unread = unread_files(spark, files, parsed)
    if unread:
        documents = documents.unionByName(spark.createDataFrame(unread, documents.schema))
    documents.write.mode("overwrite").parquet(f"{out_dir}/documents")
    tasks = parsed.select(F.explode("task_rows").alias("t")).select("t.*")
    tasks = tasks.withColumn("deadline_year", F.substring("deadline", 1, 4).cast("int"))
    tasks.write.mode("overwrite").partitionBy("deadline_year").parquet(f"{out_dir}/tasks")
    summary = documents.groupBy("status").agg(F.count("*").alias("files"), F.sum("tasks").alias("tasks")).collect()
    elapsed = time.perf_counter() - started
    counts = {r["status"]: (r["files"], r["tasks"] or 0) for r in summary}
    files_n = sum(f for f, _ in counts.values())
    print(
        f"gongwen spark: {files_n} files ({counts.get('ok', (0, 0))[0]} ok, {counts.get('error', (0, 0))[0]} errors), "
        f"{sum(t for _, t in counts.values())} task rows in {elapsed:.1f} s "
        f"({files_n / elapsed:.1f} files/s on {spark.sparkContext.defaultParallelism} cores)"
    )
    parsed.unpersist()
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
