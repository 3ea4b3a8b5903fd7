package dev.sessionkit.tck;

import dev.sessionkit.spi.StoreContext;

/** The two-node contract on one reference store seen by both nodes: nothing cached, all kept. */
class ReferenceTwoNodeTest extends TwoNodeContract {

  @Override
  protected Nodes newNodes(StoreContext context) {
    ReferenceStore shared = new ReferenceStore(context.clock());
    return new Nodes(shared, shared);
  }
}
