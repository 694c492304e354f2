package io.klio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each scope gets a folder of its own, deleted when the scope ends. */
@KlioTest
class KlioExtensionTest {
  private static final List<Path> methodFolders = new CopyOnWriteArrayList<>();
  private static TestDag classDag;

  @BeforeAll
  static void keepTheClassDag(TestDag dag) {
    classDag = dag;
  }

  @Test
  void oneTestGetsItsOwnFolder(TestDag dag) throws Exception {
    checkOwnFolder(dag);
  }

  @Test
  void anotherTestGetsAnother(TestDag dag) throws Exception {
    checkOwnFolder(dag);
  }

  private static void checkOwnFolder(TestDag dag) throws Exception {
    assertThat(dag.data()).isDirectory().isEmptyDirectory();
    assertThat(dag.data()).isNotEqualTo(classDag.data());
    assertThat(dag.variables()).containsEntry("data", dag.data().toString());
    dag.input("count-words").put("x", "some text");
    assertThat(Files.exists(dag.data().resolve("text/x.txt"))).isTrue();
    methodFolders.add(dag.data());
  }

  @AfterAll
  static void methodFoldersAreDeletedAndTheClassFolderLivesUntilTheEnd() {
    assertThat(methodFolders).hasSize(2).doesNotHaveDuplicates();
    for (Path folder : methodFolders) {
      assertThat(folder.getParent()).doesNotExist();
    }
    assertThat(classDag.data()).isDirectory();
  }
}
