/** Entry point: styles, URL-backed filters, the dashboard. */
import './styles.css';
import { Dashboard } from './dashboard.js';
import { FilterStore } from './state.js';

const root = document.getElementById('app');
if (root) new Dashboard(root, new FilterStore());
