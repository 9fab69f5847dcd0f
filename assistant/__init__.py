"""threshold: answers about UK children's safeguarding threshold guidance, cited to the row."""

import os

# numpy's BLAS threads spin while torch's threads embed the query: on two cores that contention
# made a 6 ms query embedding take 16 ms. Vector maths here is small; one BLAS thread is plenty.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
