import type { IngestReport } from '../../preprocess/report';

/** How files were paired, what each pair gave, and every file left out or failed with its reason. */
export function PairingReport({ report }: { report: IngestReport }) {
  return (
    <section aria-labelledby="pairing-heading" className="panel">
      <h2 id="pairing-heading">Files</h2>
      {report.failures.length > 0 && (
        <div role="alert" className="failures">
          <h3>Files that could not be loaded ({report.failures.length})</h3>
          <ul>
            {report.failures.map((failure) => (
              <li key={failure.file}>{failure.message}</li>
            ))}
          </ul>
        </div>
      )}
      <table>
        <caption>Image and mask pairs ({report.pairs.length})</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">Image</th>
            <th scope="col">Mask</th>
            <th scope="col">Layout</th>
            <th scope="col">Mask encoding</th>
            <th scope="col">Slices</th>
          </tr>
        </thead>
        <tbody>
          {report.pairs.map((pair) => (
            <tr key={pair.id}>
              <td>{pair.subject}</td>
              <td>{pair.image}</td>
              <td>{pair.mask}</td>
              <td>{pair.layout}</td>
              <td>{pair.maskEncoding}</td>
              <td>{pair.slices}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.leftOut.length === 0 && <p>Every file was paired; none was left out.</p>}
      {report.leftOut.length > 0 && (
        <details>
          <summary>Files left out ({report.leftOut.length})</summary>
          <ul aria-label="Files left out">
            {report.leftOut.map((file) => (
              <li key={file.path}>
                <code>{file.path}</code>: {file.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
