package io.klio.processor.fingerprint;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * The code a job runs, as far as this compilation's sources hold it, read from javac's syntax
 * trees: the job method's body and, transitively, the methods and constructors it calls and the
 * initializers of the fields it reads. Code is javac's printing of the tree, which has no comments
 * and its own layout, followed by what each name in it resolves to; code in jars contributes only
 * those resolved names and signatures.
 *
 * <p>Resolving a name attributes its class, which javac otherwise does only after annotation
 * processing, and attribution completes the tree (a constructor's implicit {@code super()}, the
 * type of a {@code var}). So every tree is attributed before it is printed, and prints the same
 * whichever job reached its class first.
 */
final class SourceCode {
  private final Trees trees;
  private final Symbols symbols;

  private SourceCode(Trees trees, Symbols symbols) {
    this.trees = trees;
    this.symbols = symbols;
  }

  /**
   * Reads code through javac's Compiler Tree API.
   *
   * @throws IllegalArgumentException if the environment is not javac's own, such as a wrapper
   */
  static SourceCode open(ProcessingEnvironment env) {
    return new SourceCode(Trees.instance(env), new Symbols(env.getElementUtils()));
  }

  /**
   * The canonical text of the job method's body and of all code of this compilation reachable from
   * it and from {@code alsoRun} (code the runtime calls besides the method, such as the constructor
   * of an instance job's class).
   */
  String reachableFrom(ExecutableElement job, List<ExecutableElement> alsoRun) {
    Walk walk = new Walk();
    MethodTree tree = trees.getTree(job);
    if (tree == null || tree.getBody() == null) {
      throw new IllegalStateException("no source for job method " + job);
    }
    walk.visited.add(job);
    walk.out.add("job", "body");
    walk.code(new TreePath(trees.getPath(job), tree.getBody()));
    alsoRun.forEach(walk::reach);
    walk.drain();
    return walk.out.toString();
  }

  /** A class's initializer blocks and field initializers, static or not, in their order. */
  private record Initializers(TypeElement type, boolean statics) {}

  /** One traversal: every reachable method, field and initializer once, in the order reached. */
  private final class Walk {
    final CanonicalText out = new CanonicalText();
    final Set<Object> visited = new HashSet<>(); // membership only; the order is the queue's
    private final Deque<Object> pending = new ArrayDeque<>();

    void reach(Object unit) {
      if (unit != null && visited.add(unit)) {
        pending.addLast(unit);
      }
    }

    void drain() {
      while (!pending.isEmpty()) {
        Object unit = pending.removeFirst();
        if (unit instanceof ExecutableElement method) {
          method(method);
        } else if (unit instanceof VariableElement field) {
          field(field);
        } else {
          initializers((Initializers) unit);
        }
      }
    }

    private void method(ExecutableElement method) {
      TreePath path = trees.getPath(method);
      if (path == null) {
        return; // compiled into a jar: its signature is in the references to it
      }
      out.add("method", symbols.describe(method));
      BlockTree body = ((MethodTree) path.getLeaf()).getBody();
      if (body != null) {
        code(new TreePath(path, body));
      }
      if (method.getKind() == ElementKind.CONSTRUCTOR) {
        reach(new Initializers((TypeElement) method.getEnclosingElement(), false));
      }
    }

    private void field(VariableElement field) {
      TreePath path = trees.getPath(field);
      if (path == null || !(path.getLeaf() instanceof VariableTree tree)) {
        return; // in a jar, or no declaration of its own, such as 'this' and 'length'
      }
      out.add("field", symbols.describe(field));
      if (tree.getInitializer() != null) {
        code(new TreePath(path, tree.getInitializer()));
        return;
      }
      // A blank field: assigned in an initializer block or, for an instance field, a constructor.
      TypeElement owner = (TypeElement) field.getEnclosingElement();
      boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
      reach(new Initializers(owner, isStatic));
      if (!isStatic) {
        ElementFilter.constructorsIn(owner.getEnclosedElements()).forEach(this::reach);
      }
    }

    private void initializers(Initializers unit) {
      TreePath path = trees.getPath(unit.type());
      if (path == null) {
        return;
      }
      String key = unit.statics() ? "static-initializers" : "initializers";
      out.add(key, symbols.describe(unit.type()));
      for (Tree member : ((ClassTree) path.getLeaf()).getMembers()) {
        if (member instanceof BlockTree block && block.isStatic() == unit.statics()) {
          code(new TreePath(path, block));
        } else if (member instanceof VariableTree variable
            && variable.getInitializer() != null
            && variable.getModifiers().getFlags().contains(Modifier.STATIC) == unit.statics()) {
          reach(trees.getElement(new TreePath(path, variable)));
        }
      }
    }

    /** Appends a tree's code and what its names resolve to, and reaches what they refer to. */
    void code(TreePath path) {
      trees.getElement(path); // attributes the class if not yet done; see the class comment
      out.add("code", path.getLeaf().toString().replace("\r\n", "\n"));
      new References().scan(path, null);
    }

    private final class References extends TreePathScanner<Void, Void> {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        refer();
        return super.visitIdentifier(node, unused);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        refer();
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        refer();
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        refer(); // the constructor, which the class name alone does not tell
        return super.visitNewClass(node, unused);
      }

      private void refer() {
        Element element = trees.getElement(getCurrentPath());
        if (element == null) {
          out.add("ref", "unresolved");
          return;
        }
        out.add("ref", symbols.describe(element));
        switch (element.getKind()) {
          case METHOD, CONSTRUCTOR, FIELD, ENUM_CONSTANT -> reach(element);
          default -> {}
        }
      }
    }
  }
}
