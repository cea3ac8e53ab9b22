import Foundation
import Testing

/// The real binary on real workflows: processes, files, the SQLite store.
@Suite("gantry run, end to end")
struct RunCommandTests {
    @Test("secrets and masked values never reach the terminal, the report, the summary or the stored logs")
    func masking() throws {
        let sandbox = try Sandbox(files: [
            ".github/workflows/ci.yml": """
            name: ci
            on: push
            jobs:
              leak:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "token is ${{ secrets.API_TOKEN }}"
                      echo "env copy: $TOKEN"
                      echo "::add-mask::runtime-value-123"
                      echo "runtime-value-123 again"
                      echo "summary ${{ secrets.API_TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
                    env:
                      TOKEN: ${{ secrets.API_TOKEN }}
            """,
        ])
        defer { sandbox.remove() }
        let result = try sandbox.gantry(["run", "-s", "API_TOKEN=sup3r-s3cret", "--report", "report.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("token is ***"))
        #expect(result.stdout.contains("*** again"))
        let logs = try sandbox.gantry(["logs", "1"])
        #expect(logs.stdout.contains("token is ***"))
        let summary = try sandbox.read(".gantry/runs/1/summary.md")
        #expect(summary.contains("summary ***"))
        for text in [result.stdout, result.stderr, logs.stdout, summary, try sandbox.read("report.json")] {
            #expect(!text.contains("sup3r-s3cret"))
            #expect(!text.contains("runtime-value-123"))
        }
    }

    @Test("an invalid workflow exits 2 with path:line:column before anything runs or is recorded")
    func invalidInput() throws {
        let sandbox = try Sandbox(files: [
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: touch ran.txt
              deploy:
                needs: biuld
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ github.sha ) }}
            """,
        ])
        defer { sandbox.remove() }
        let result = try sandbox.gantry(["run", "--bind"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(".github/workflows/ci.yml:8:12: error: job \"deploy\" needs job \"biuld\", which does not exist; did you mean \"build\"? [job-needs]"))
        #expect(result.stderr.contains(".github/workflows/ci.yml:11:") && result.stderr.contains("[expression]"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent("ran.txt").path))
        #expect(try sandbox.gantry(["runs"]).stdout.contains("no runs yet"))
    }

    @Test("a failing step fails the run with exit 1; dependents are skipped and always() jobs still run")
    func failure() throws {
        let sandbox = try Sandbox(files: [
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: exit 3
              deploy:
                needs: test
                runs-on: ubuntu-latest
                steps:
                  - run: echo never
              report:
                needs: test
                if: always()
                runs-on: ubuntu-latest
                steps:
                  - run: echo "${{ needs.test.result }}" | grep failure
            """,
        ])
        defer { sandbox.remove() }
        let result = try sandbox.gantry(["run", "--report", "r.json"])
        #expect(result.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(try sandbox.read("r.json").utf8)) as! [String: Any]
        let jobs = (report["jobs"] as! [[String: Any]]).reduce(into: [String: String]()) { $0[$1["id"] as! String] = $1["conclusion"] as? String }
        #expect(jobs == ["test": "failure", "deploy": "skipped", "report": "success"])
        #expect(report["conclusion"] as? String == "failure")
        let runs = try sandbox.gantry(["runs"])
        #expect(runs.stdout.contains("#1") && runs.stdout.contains("failure"))
    }

    @Test("artifacts pass between jobs, outputs reach dependents, and the cache hits on the second run")
    func artifactsOutputsAndCache() throws {
        let sandbox = try Sandbox(files: [
            "deps.lock": "v1\n",
            ".github/workflows/ci.yml": """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                outputs:
                  version: ${{ steps.v.outputs.version }}
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/cache@v4
                    id: cache
                    with:
                      path: deps
                      key: deps-${{ hashFiles('deps.lock') }}
                  - run: echo "hit=${{ steps.cache.outputs.cache-hit }}" >> "$GITHUB_STEP_SUMMARY"
                  - if: steps.cache.outputs.cache-hit != 'true'
                    run: mkdir -p deps && echo built > deps/lib.txt
                  - id: v
                    run: |
                      mkdir -p dist && echo "binary" > dist/app.bin
                      echo "version=1.2.3" >> "$GITHUB_OUTPUT"
                  - uses: actions/upload-artifact@v4
                    with:
                      name: app
                      path: dist/
              deploy:
                needs: build
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/download-artifact@v4
                    with:
                      name: app
                      path: out
                  - run: test "$(cat out/app.bin)" = binary
                  - run: test "${{ needs.build.outputs.version }}" = 1.2.3
            """,
        ])
        defer { sandbox.remove() }
        let first = try sandbox.gantry(["run"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(try sandbox.read(".gantry/runs/1/summary.md").contains("hit=false"))
        let second = try sandbox.gantry(["run"])
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try sandbox.read(".gantry/runs/2/summary.md").contains("hit=true"))
    }

    @Test("a reusable workflow gets inputs and secrets and returns outputs")
    func reusableWorkflow() throws {
        let sandbox = try Sandbox(files: [
            ".github/workflows/ci.yml": """
            name: main
            on: push
            jobs:
              call:
                uses: ./.github/workflows/build.yml
                with:
                  target: linux
                secrets: inherit
              after:
                needs: call
                runs-on: ubuntu-latest
                steps:
                  - run: test "${{ needs.call.outputs.artifact }}" = "app-linux"
            """,
            ".github/workflows/build.yml": """
            on:
              workflow_call:
                inputs:
                  target: { type: string, required: true }
                outputs:
                  artifact:
                    value: ${{ jobs.compile.outputs.name }}
            jobs:
              compile:
                runs-on: ubuntu-latest
                outputs:
                  name: ${{ steps.n.outputs.name }}
                steps:
                  - id: n
                    run: echo "name=app-${{ inputs.target }}" >> "$GITHUB_OUTPUT"
                  - run: test "${{ secrets.KEY }}" = "k3y"
            """,
        ])
        defer { sandbox.remove() }
        let result = try sandbox.gantry(["run", "-W", ".github/workflows/ci.yml", "-s", "KEY=k3y", "--report", "r.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let report = try sandbox.read("r.json")
        #expect(report.contains("\"id\" : \"call/compile\""))
    }
}
