import { DataContract, DataProduct, OutputPort } from '../model/types';
import { productStatusOf } from '../lifecycle/productStatus';
import { isCalendarDay } from '../access/accessExpiry';
import { columnKey } from '../contract/bigQueryTypes';
import { Problem } from './Problem';

/**
 * Rules of a product's ports and lifecycle that a schema cannot say: they
 * compare fields with each other. Rules that need other products (what an
 * input port reads, who reads this one) are {@link meshProblems}.
 */
export function contractProblems(product: DataProduct): Problem[] {
  return [
    ...lifecycleProblems(product),
    ...outputPortProblems(product.spec.outputPorts ?? []),
    ...inputPortProblems(product),
  ];
}

function lifecycleProblems(product: DataProduct): Problem[] {
  const status = productStatusOf(product);
  const deprecation = product.spec.deprecation;
  if (status !== 'deprecated') {
    return [];
  }
  if (!deprecation) {
    return [
      {
        path: 'spec.deprecation',
        message:
          'A deprecated product needs a last day and a replacement or a reason, so that its consumers know when and what to move to.',
      },
    ];
  }
  const problems: Problem[] = [];
  if (!isCalendarDay(deprecation.date)) {
    problems.push({
      path: 'spec.deprecation.date',
      message: `The last day "${deprecation.date}" is not a day of the calendar: give it as YYYY-MM-DD, e.g. 2027-06-30.`,
    });
  }
  if (!deprecation.replacedBy && !deprecation.reason?.trim()) {
    problems.push({
      path: 'spec.deprecation',
      message:
        'Say which product replaces this one, or why it goes without a replacement.',
    });
  }
  if (deprecation.replacedBy === product.spec.info.name) {
    problems.push({
      path: 'spec.deprecation.replacedBy',
      message: 'A product cannot replace itself: name another product.',
    });
  }
  return problems;
}

function outputPortProblems(ports: OutputPort[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  ports.forEach((port, index) => {
    const at = `spec.outputPorts.${index}`;
    if (seen.has(port.name)) {
      problems.push({
        path: `${at}.name`,
        message: `The table "${port.name}" is offered twice: give each output port its own name.`,
      });
    }
    seen.add(port.name);
    problems.push(...contractOfPortProblems(port.name, port.contract, at));
  });
  return problems;
}

function contractOfPortProblems(
  port: string,
  contract: DataContract,
  at: string,
): Problem[] {
  const problems: Problem[] = [];
  const columns = new Set<string>();
  contract.columns.forEach((column, index) => {
    if (columns.has(columnKey(column.name))) {
      problems.push({
        path: `${at}.contract.columns.${index}.name`,
        message: `The table "${port}" has the column "${column.name}" twice (BigQuery ignores case in column names): give each column its own name.`,
      });
    }
    columns.add(columnKey(column.name));
  });
  const keyColumns = new Set<string>();
  (contract.primaryKey ?? []).forEach((column, index) => {
    const path = `${at}.contract.primaryKey.${index}`;
    if (!columns.has(columnKey(column))) {
      problems.push({
        path,
        message: `The primary key of "${port}" names the column "${column}", which the table does not have: add the column or take it out of the key.`,
      });
    } else if (keyColumns.has(columnKey(column))) {
      problems.push({
        path,
        message: `The primary key of "${port}" names the column "${column}" twice: name each key column once.`,
      });
    }
    keyColumns.add(columnKey(column));
  });
  (contract.quality ?? []).forEach((rule, index) => {
    const path = `${at}.contract.quality.${index}`;
    if (rule.rule === 'rowCountAbove') {
      if (typeof rule.value !== 'number' || rule.value < 0) {
        problems.push({
          path: `${path}.value`,
          message: `The row-count rule of "${port}" needs a number of rows the table must have more than, 0 or above.`,
        });
      }
    } else if (!rule.column) {
      problems.push({
        path: `${path}.column`,
        message: `The ${rule.rule} rule of "${port}" needs the column it checks.`,
      });
    } else if (!columns.has(columnKey(rule.column))) {
      problems.push({
        path: `${path}.column`,
        message: `The ${rule.rule} rule of "${port}" checks the column "${rule.column}", which the table does not have.`,
      });
    }
  });
  return problems;
}

function inputPortProblems(product: DataProduct): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (product.spec.inputPorts ?? []).forEach((input, index) => {
    const path = `spec.inputPorts.${index}`;
    const key = `${input.product}/${input.port}`;
    if (input.product === product.spec.info.name) {
      problems.push({
        path: `${path}.product`,
        message: `A product cannot read its own table "${input.port}" as an input: name another product's table.`,
      });
    }
    if (seen.has(key)) {
      problems.push({
        path,
        message: `The table "${input.port}" of "${input.product}" is read twice: list each input once.`,
      });
    }
    seen.add(key);
  });
  return problems;
}
