"""Ingestion: corpus files -> documents -> sections, matrix rows and indicators -> units -> index."""

import os

# numpy's BLAS threads spin while torch's threads embed the query: on two cores that contention
# made a 6 ms query embedding take 16 ms. Vector maths here is small; one BLAS thread is plenty.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
