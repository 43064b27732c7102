import { formatValue, LABEL_HEADER, numericColumns } from '../../export/table-columns';
import type { ExperimentTable } from '../../ml/experiments/experiment-table';

/** Renders the study's table with the exporters' columns and rounding, the best value per column in bold. */
export function ExperimentTableView({ table }: { table: ExperimentTable }) {
  const columns = numericColumns(table);
  return (
    <table aria-label="Experiment results" className="experiment-table">
      <caption>{table.title} (class columns: Dice per class)</caption>
      <thead>
        <tr>
          <th scope="col">{LABEL_HEADER}</th>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {columns.map((column) => {
              const text = formatValue(column.values[r], column.decimals);
              if (text === null) return <td key={column.header}>–</td>;
              return (
                <td key={column.header}>
                  {column.best === r ? (
                    <strong>
                      {text}
                      <span className="visually-hidden"> (best)</span>
                    </strong>
                  ) : (
                    text
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={columns.length + 1} className="field-note">
            {table.notes.join(' ')}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
