"""Writes notebooks/explore.ipynb (without outputs) from the cells below, so the notebook's
source stays reviewable as Python: `.venv/bin/python notebooks/make_explore.py`."""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    new_markdown_cell(
        "# Exploring the argument graph of the Article 51 commentary\n\n"
        "Run from top to bottom. The first cell builds the graph into `data/store` if it is not there yet "
        "(about 15 s); set `KG_STORE` to use another store, or `KG_SPARQL_ENDPOINT` to ask a SPARQL endpoint "
        "(`kg serve`, Virtuoso, GraphDB, Fuseki) instead: the answers are the same."
    ),
    new_code_cell(
        "import os\n\n"
        "import pandas as pd\n\n"
        "from kg import open_graph\n"
        "from kg.graph import store\n\n"
        "pd.set_option('display.max_colwidth', 80)\n"
        "here = store.store_path()\n"
        "if not os.environ.get('KG_SPARQL_ENDPOINT') and not (here.exists() and any(here.iterdir())):\n"
        "    from kg.build import Sources, build\n"
        "    print('building the graph:', build(Sources.default(), here).triples, 'triples')\n"
        "g = open_graph()\n"
        "print(g.describe())\n"
        "g.named_queries()[['name', 'title']]"
    ),
    new_markdown_cell(
        "## The flagship question\n\n"
        "Does classification under Art. 51(1)(a) require a Commission designation decision? "
        "Every position, who holds it (footnote, pinpoint), and the commentary author's stance."
    ),
    new_code_cell(
        "views = g.views('automatic classification')\n"
        "print(views['question'].iloc[0])\n"
        "views[['positionLabel', 'authorStance', 'holderName', 'footnote', 'pinpoint', 'strength']]"
    ),
    new_code_cell(
        "summary = views.groupby(['positionLabel', 'authorStance'])['work'].nunique().rename('works holding it')\n"
        "summary.to_frame()"
    ),
    new_markdown_cell("## One scholar: everything Tobias Haar holds, across issues"),
    new_code_cell(
        "haar = g.holdings('Haar')\n"
        "haar[['issueLabel', 'positionLabel', 'footnote', 'pinpoint', 'signal', 'authorStance']]"
    ),
    new_markdown_cell("## A provision: every issue on Annex XIII point (f), most contested first"),
    new_code_cell("g.issues('Annex XIII point (f)')[['label', 'positions', 'holders', 'attributions']]"),
    new_markdown_cell("## Co-citation: works cited together in one footnote"),
    new_code_cell(
        "%matplotlib inline\n"
        "import matplotlib.pyplot as plt\n"
        "import networkx as nx\n\n"
        "pairs = g.query('co-citation')\n"
        "strong = pairs[pairs['footnotes'] >= 3]\n"
        "net = nx.Graph()\n"
        "for r in strong.itertuples():\n"
        "    net.add_edge(r.work1.rsplit('/', 1)[-1], r.work2.rsplit('/', 1)[-1], weight=r.footnotes)\n"
        "fig, ax = plt.subplots(figsize=(11, 8))\n"
        "pos = nx.spring_layout(net, seed=51, weight='weight')\n"
        "nx.draw_networkx(net, pos, ax=ax, node_size=120, font_size=7,\n"
        "                 width=[net[u][v]['weight'] / 3 for u, v in net.edges()])\n"
        "ax.set_title('Works cited together in at least 3 footnotes')\n"
        "ax.axis('off')\n"
        "plt.show()\n"
        "print(f'{net.number_of_nodes()} works, {net.number_of_edges()} co-citation links')"
    ),
    new_code_cell(
        "top = strong.iloc[0]\n"
        "print('most often cited together:', top.work1.rsplit('/', 1)[-1], '+', top.work2.rsplit('/', 1)[-1],\n"
        "      'in', top.footnotes, 'footnotes')"
    ),
]


def main() -> None:
    nb = new_notebook(
        cells=CELLS, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nbformat.write(nb, Path(__file__).with_name("explore.ipynb"))


if __name__ == "__main__":
    main()
